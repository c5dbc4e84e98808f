package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;

/** The three record kinds that describe a post; {@code ind} joins them. */
public enum RecordKind {
  PIN("pin", "index", RawSchemas.PIN, CleanSchemas.PIN),
  GEO("geo", "ind", RawSchemas.GEO, CleanSchemas.GEO),
  USER("user", "ind", RawSchemas.USER, CleanSchemas.USER);

  /** The key of every clean table. */
  public static final String CLEAN_KEY = "ind";

  private final String label;
  private final String rawKey;
  private final Schema rawSchema;
  private final Schema cleanSchema;

  RecordKind(String label, String rawKey, Schema rawSchema, Schema cleanSchema) {
    this.label = label;
    this.rawKey = rawKey;
    this.rawSchema = rawSchema;
    this.cleanSchema = cleanSchema;
  }

  /** Short lower-case name: the topic suffix ({@code <prefix>.pin}) and output folder name. */
  public String label() {
    return label;
  }

  /** The label capitalised ({@code Pin}, {@code Geo}, {@code User}), for step names. */
  public String title() {
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }

  /** The key field as the source sends it ({@code index} for pins, {@code ind} otherwise). */
  public String rawKey() {
    return rawKey;
  }

  public Schema rawSchema() {
    return rawSchema;
  }

  public Schema cleanSchema() {
    return cleanSchema;
  }
}
