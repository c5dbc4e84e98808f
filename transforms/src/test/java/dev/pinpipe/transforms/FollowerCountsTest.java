package dev.pinpipe.transforms;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class FollowerCountsTest {

  @Test
  public void readsEveryFormat() {
    assertEquals(Long.valueOf(718), FollowerCounts.parse("718"));
    assertEquals(Long.valueOf(0), FollowerCounts.parse("0"));
    assertEquals(Long.valueOf(12_000), FollowerCounts.parse("12k"));
    assertEquals(Long.valueOf(12_300), FollowerCounts.parse("12.3k"));
    assertEquals(Long.valueOf(1_000_000), FollowerCounts.parse("1M"));
    assertEquals(Long.valueOf(2_500_000), FollowerCounts.parse("2.5M"));
    assertEquals("fractions of a follower are truncated", Long.valueOf(1_234), FollowerCounts.parse("1.2345k"));
  }

  @Test
  public void anythingElseIsNull() {
    String[] unreadable = {
      null, "", "User Info Error", "12K", "1m", "12.5", "1.2B", "-5", "12 k", " 12k", "12,000", "k",
      "99999999999999999999"
    };
    for (String text : unreadable) {
      assertEquals(String.valueOf(text), null, FollowerCounts.parse(text));
    }
  }
}
