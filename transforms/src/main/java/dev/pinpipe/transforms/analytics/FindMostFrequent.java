package dev.pinpipe.transforms.analytics;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per group, the value seen in most rows, with its count; ties go to the smallest value. Output
 * columns: the group fields, the value field, then the count field.
 */
public final class FindMostFrequent extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final String valueField;
  private final List<String> groupFields;
  private final String countField;

  private FindMostFrequent(String valueField, List<String> groupFields, String countField) {
    this.valueField = valueField;
    this.groupFields = groupFields;
    this.countField = countField;
  }

  /** The most frequent {@code valueField} per {@code groupFields}, counted as {@code countField}. */
  public static FindMostFrequent of(String valueField, List<String> groupFields, String countField) {
    return new FindMostFrequent(valueField, List.copyOf(groupFields), countField);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    List<String> keyFields = new ArrayList<>(groupFields);
    keyFields.add(valueField);
    Schema keySchema = Rows.select(rows.getSchema(), keyFields);
    Schema countedSchema = Schema.builder().addFields(keySchema.getFields()).addInt64Field(countField).build();
    return rows.apply(
            "SelectGroupAndValue",
            MapElements.into(TypeDescriptors.rows()).via((Row row) -> Rows.project(row, keySchema)))
        .setRowSchema(keySchema)
        .apply("CountPerValue", Count.perElement())
        .apply(
            "AttachCount",
            MapElements.into(TypeDescriptors.rows())
                .via(
                    (KV<Row, Long> counted) ->
                        Row.withSchema(countedSchema)
                            .addValues(counted.getKey().getValues())
                            .addValue(counted.getValue())
                            .build()))
        .setRowSchema(countedSchema)
        .apply("KeepMostFrequent", SelectTopPerGroup.of(groupFields, countField, valueField));
  }
}
