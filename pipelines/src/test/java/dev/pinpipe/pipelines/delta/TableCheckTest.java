package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.CleanSchemas;
import dev.pinpipe.schemas.RejectedRecord;
import java.lang.reflect.Field;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class TableCheckTest {
  /**
   * The schema as a Flink TaskManager holds it after the client serialized it: same columns, and
   * the hash the client's JVM computed, which takes its enum constants' identity hashes.
   */
  private static Schema builtInAnotherJvm(Schema schema) throws Exception {
    Schema copy = SerializableUtils.clone(schema);
    Field hash = Schema.class.getDeclaredField("hashCode");
    hash.setAccessible(true);
    hash.setInt(copy, hash.getInt(copy) + 1);
    return copy;
  }

  @Test
  void theSameColumnsBuiltInTwoJvmsMatch() throws Exception {
    for (Schema schema : new Schema[] {CleanSchemas.GEO, RejectedRecord.SCHEMA}) {
      // As the TaskManager reads it from the table's log: built there, no coder's id set on it.
      Schema readFromTheTable = Schema.builder().addFields(schema.getFields()).build();
      assertTrue(TableCheck.sameColumns(readFromTheTable, builtInAnotherJvm(schema)), schema.toString());
    }
  }

  @Test
  void otherColumnsOrderOrNullabilityDoNotMatch() {
    Schema ab = Schema.builder().addStringField("a").addInt64Field("b").build();
    assertFalse(TableCheck.sameColumns(ab, Schema.builder().addInt64Field("b").addStringField("a").build()));
    assertFalse(TableCheck.sameColumns(ab, Schema.builder().addStringField("a").addNullableInt64Field("b").build()));
    assertFalse(TableCheck.sameColumns(ab, Schema.builder().addStringField("a").addInt32Field("b").build()));
    assertFalse(TableCheck.sameColumns(ab, Schema.builder().addStringField("a").build()));
    assertFalse(TableCheck.sameColumns(ab, Schema.builder().addStringField("a").addInt64Field("c").build()));
  }
}
