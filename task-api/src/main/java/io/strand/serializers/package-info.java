/**
 * Serialization of keys, messages and store entries, as Samza's {@code org.apache.samza.serializers}:
 * the {@link io.strand.serializers.Serde} and {@link io.strand.serializers.SerdeFactory} interfaces,
 * and the built-in serdes that need no library (string, integer, long, double, bytes) with their
 * factories. The JSON (Jackson) and Avro serdes share this package but ship in the {@code serdes}
 * module, which also resolves serde names of a job's configuration; a job's configuration names a
 * built-in by its short name ({@code string}, {@code json}, ...) or any factory by class.
 */
package io.strand.serializers;
