package io.strand.application;

import io.strand.application.descriptors.TaskApplicationDescriptor;

/**
 * A low-level job declared in code, as Samza 1.x's {@code TaskApplication}: {@code describe}
 * adds its inputs and outputs with descriptors and gives the task factory:
 *
 * <pre>{@code
 * public class WordCountApp implements TaskApplication {
 *   public void describe(TaskApplicationDescriptor app) {
 *     KafkaSystemDescriptor kafka = new KafkaSystemDescriptor("kafka")
 *         .withProducerBootstrapServers(List.of("localhost:9092"));
 *     app.withInputStream(kafka.getInputDescriptor("words", new StringSerde()))
 *         .withOutputStream(kafka.getOutputDescriptor("counts", new IntegerSerde()))
 *         .withTaskFactory((StreamTaskFactory) () -> new WordCountTask());
 *   }
 * }
 * }</pre>
 *
 * The job's properties file then names it with {@code app.class} instead of {@code task.class}
 * (both set is an error).
 */
public interface TaskApplication extends SamzaApplication<TaskApplicationDescriptor> {
}
