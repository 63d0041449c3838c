/**
 * The serdes that need a library: {@link io.strand.serializers.JsonSerde} (Jackson) and
 * {@link io.strand.serializers.AvroSerde} (Avro, single-object encoding with schema resolution by
 * default), with their factories. The package is shared with task-api, which holds the
 * {@code Serde} interfaces and the plain serdes, so a Samza properties file's
 * {@code org.apache.samza.serializers.*SerdeFactory} names port by changing the package prefix.
 */
package io.strand.serializers;
