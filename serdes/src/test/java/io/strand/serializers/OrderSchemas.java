package io.strand.serializers;

/** The Avro record schemas the Avro serde tests write and read: versions of an Order, and a Customer. */
final class OrderSchemas {
  static final String ORDER_V1 = record("Order", "{\"name\": \"id\", \"type\": \"string\"}",
      "{\"name\": \"amount\", \"type\": \"int\"}");
  static final String ORDER_WITH_CURRENCY = record("Order", "{\"name\": \"id\", \"type\": \"string\"}",
      "{\"name\": \"amount\", \"type\": \"int\"}",
      "{\"name\": \"currency\", \"type\": \"string\", \"default\": \"EUR\"}");
  static final String ORDER_WITH_NOTE = record("Order", "{\"name\": \"id\", \"type\": \"string\"}",
      "{\"name\": \"amount\", \"type\": \"int\"}", "{\"name\": \"note\", \"type\": \"string\"}");
  static final String ORDER_LONG_AMOUNT = record("Order", "{\"name\": \"id\", \"type\": \"string\"}",
      "{\"name\": \"amount\", \"type\": \"long\"}");
  static final String ORDER_BOOLEAN_AMOUNT = record("Order", "{\"name\": \"id\", \"type\": \"string\"}",
      "{\"name\": \"amount\", \"type\": \"boolean\"}");
  static final String ORDER_REORDERED = record("Order", "{\"name\": \"amount\", \"type\": \"int\"}",
      "{\"name\": \"id\", \"type\": \"string\"}");
  static final String CUSTOMER = record("Customer", "{\"name\": \"id\", \"type\": \"string\"}",
      "{\"name\": \"amount\", \"type\": \"int\"}");

  private OrderSchemas() {
  }

  /** A record schema of namespace io.strand.test with the given field definitions (JSON). */
  static String record(String name, String... fields) {
    return "{\"type\": \"record\", \"name\": \"" + name + "\", \"namespace\": \"io.strand.test\", \"fields\": ["
        + String.join(", ", fields) + "]}";
  }
}
