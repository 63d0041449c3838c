package io.strand.application.descriptors;

import io.strand.system.descriptors.InputDescriptor;
import io.strand.system.descriptors.OutputDescriptor;
import io.strand.task.TaskFactory;

/**
 * What a {@link io.strand.application.TaskApplication} fills in, as Samza's
 * {@code TaskApplicationDescriptor}. Each call stands for the keys a properties file would hold:
 * an input adds {@code system.topic} to {@code task.inputs} plus its stream keys and serde, an
 * output its serde, a system its {@code systems.<s>.*} keys. A key set in the properties file
 * keeps the file's value.
 *
 * <p>Threading: filled in by the thread running {@code describe}.
 */
public interface TaskApplicationDescriptor extends ApplicationDescriptor<TaskApplicationDescriptor> {

  /**
   * Adds an input stream (to {@code task.inputs}).
   *
   * @param inputDescriptor the stream
   * @return this descriptor
   */
  TaskApplicationDescriptor withInputStream(InputDescriptor<?, ?> inputDescriptor);

  /**
   * Adds a broadcast input (to {@code task.broadcast.inputs}): partitions {@code first} to
   * {@code last} of the stream go to every task. A Strand addition; Samza declares broadcast
   * inputs only in configuration.
   *
   * @param inputDescriptor the stream
   * @param firstPartition the first partition every task reads
   * @param lastPartition the last one, at least {@code firstPartition}
   * @return this descriptor
   * @throws IllegalArgumentException if the range is empty or negative
   */
  TaskApplicationDescriptor withBroadcastStream(InputDescriptor<?, ?> inputDescriptor, int firstPartition,
      int lastPartition);

  /**
   * Adds an output stream: its serde and stream keys.
   *
   * @param outputDescriptor the stream
   * @return this descriptor
   */
  TaskApplicationDescriptor withOutputStream(OutputDescriptor<?, ?> outputDescriptor);

  /**
   * The factory of the job's tasks, a {@link io.strand.task.StreamTaskFactory} or
   * {@link io.strand.task.AsyncStreamTaskFactory}; required.
   *
   * @param factory the factory
   * @return this descriptor
   */
  TaskApplicationDescriptor withTaskFactory(TaskFactory<?> factory);
}
