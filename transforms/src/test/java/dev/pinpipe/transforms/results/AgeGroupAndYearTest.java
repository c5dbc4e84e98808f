package dev.pinpipe.transforms.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class AgeGroupAndYearTest {

  @Test
  void ageGroupsHaveInclusiveBoundaries() {
    assertNull(AgeGroup.of(null));
    assertNull(AgeGroup.of(17));
    assertEquals("18-24", AgeGroup.of(18));
    assertEquals("18-24", AgeGroup.of(24));
    assertEquals("25-35", AgeGroup.of(25));
    assertEquals("25-35", AgeGroup.of(35));
    assertEquals("36-50", AgeGroup.of(36));
    assertEquals("36-50", AgeGroup.of(50));
    assertEquals("+50", AgeGroup.of(51));
    assertEquals("+50", AgeGroup.of(99));
  }

  @Test
  void yearsAreUtcCalendarYearsWithinInclusiveRanges() {
    assertNull(UtcYear.within(Instant.parse("2014-12-31T23:59:59Z"), 2015, 2020));
    assertEquals(Integer.valueOf(2015), UtcYear.within(Instant.parse("2015-01-01T00:00:00Z"), 2015, 2020));
    assertEquals(Integer.valueOf(2020), UtcYear.within(Instant.parse("2020-12-31T23:59:59Z"), 2015, 2020));
    assertNull(UtcYear.within(Instant.parse("2021-01-01T00:00:00Z"), 2015, 2020));
    assertNull(UtcYear.within(null, 2015, 2020));
  }
}
