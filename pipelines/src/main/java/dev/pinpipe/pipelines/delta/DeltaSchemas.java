package dev.pinpipe.pipelines.delta;

import io.delta.standalone.types.ArrayType;
import io.delta.standalone.types.DataType;
import io.delta.standalone.types.DoubleType;
import io.delta.standalone.types.IntegerType;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import io.delta.standalone.types.TimestampType;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The record shapes of {@code schemas/} as Delta and Parquet types: INT64 as long, INT32 as
 * integer, STRING as string, DOUBLE as double, DATETIME as a UTC timestamp (Parquet INT64
 * microseconds), arrays of doubles as Parquet's three-level LIST.
 */
public final class DeltaSchemas {
  private DeltaSchemas() {}

  public static StructType deltaType(Schema schema) {
    StructType struct = new StructType();
    for (Schema.Field field : schema.getFields()) {
      struct = struct.add(new StructField(field.getName(), deltaType(field.getType()), field.getType().getNullable()));
    }
    return struct;
  }

  private static DataType deltaType(FieldType type) {
    switch (type.getTypeName()) {
      case INT64:
        return new LongType();
      case INT32:
        return new IntegerType();
      case STRING:
        return new StringType();
      case DOUBLE:
        return new DoubleType();
      case DATETIME:
        return new TimestampType();
      case ARRAY:
        return new ArrayType(deltaType(type.getCollectionElementType()), type.getCollectionElementType().getNullable());
      default:
        throw new IllegalArgumentException("no Delta type for " + type);
    }
  }

  /** The Beam schema of a Delta table's columns, for the types above (others throw). */
  public static Schema beamSchema(StructType struct) {
    Schema.Builder builder = Schema.builder();
    for (StructField field : struct.getFields()) {
      builder.addField(Schema.Field.of(field.getName(), beamType(field.getDataType()).withNullable(field.isNullable())));
    }
    return builder.build();
  }

  private static FieldType beamType(DataType type) {
    if (type instanceof LongType) {
      return FieldType.INT64;
    } else if (type instanceof IntegerType) {
      return FieldType.INT32;
    } else if (type instanceof StringType) {
      return FieldType.STRING;
    } else if (type instanceof DoubleType) {
      return FieldType.DOUBLE;
    } else if (type instanceof TimestampType) {
      return FieldType.DATETIME;
    } else if (type instanceof ArrayType) {
      ArrayType array = (ArrayType) type;
      return FieldType.array(beamType(array.getElementType()).withNullable(array.containsNull()));
    }
    throw new IllegalArgumentException("a column of type " + type.getTypeName() + ", which pinpipe does not write");
  }

  public static MessageType parquetType(Schema schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Schema.Field field : schema.getFields()) {
      message.addField(parquetType(field.getName(), field.getType()));
    }
    return message.named("row");
  }

  private static Type parquetType(String name, FieldType type) {
    Type.Repetition repetition = type.getNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    TypeName typeName = type.getTypeName();
    switch (typeName) {
      case INT64:
        return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
      case INT32:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      case DATETIME:
        return Types.primitive(PrimitiveTypeName.INT64, repetition)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
      case ARRAY:
        return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
            .addField(Types.repeatedGroup().addField(parquetType("element", type.getCollectionElementType())).named("list"))
            .named(name);
      default:
        throw new IllegalArgumentException("no Parquet type for " + type);
    }
  }
}
