package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FollowerCountsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "718, 718",
    "0, 0",
    "12k, 12000",
    "12.3k, 12300",
    "1M, 1000000",
    "2.5M, 2500000",
    "1.2345k, 1234", // fractions of a follower are truncated
  })
  void readsEveryFormat(String text, long followers) {
    assertEquals(Long.valueOf(followers), FollowerCounts.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullSource
  @ValueSource(strings = {
    "", "User Info Error", "12K", "1m", "12.5", "1.2B", "-5", "12 k", " 12k", "12,000", "k",
    "99999999999999999999"
  })
  void anythingElseIsNull(String text) {
    assertNull(FollowerCounts.parse(text));
  }
}
