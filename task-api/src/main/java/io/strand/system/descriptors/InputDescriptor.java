package io.strand.system.descriptors;

import io.strand.serializers.Serde;
import io.strand.system.SystemStreamMetadata.OffsetType;
import java.util.Map;
import java.util.Objects;

/**
 * Describes an input stream, as Samza's {@code InputDescriptor}: besides the stream settings,
 * where it starts without a checkpoint ({@code samza.offset.default}), whether to ignore the
 * checkpoint ({@code samza.reset.offset}), whether to read it to its end before other input
 * ({@code samza.bootstrap}), its priority ({@code samza.priority}), and whether it is bounded
 * (Strand's {@code strand.bounded}: the job ends once every input is read to its end).
 *
 * @param <StreamMessageType> the type of the stream's messages
 * @param <SubClass> the concrete descriptor
 */
public abstract class InputDescriptor<StreamMessageType, SubClass extends InputDescriptor<StreamMessageType, SubClass>>
    extends StreamDescriptor<StreamMessageType, SubClass> {

  private OffsetType offsetDefault;
  private boolean resetOffset;
  private boolean bootstrap;
  private boolean bounded;
  private Integer priority;

  /**
   * Creates the descriptor.
   *
   * @param streamId the stream id (the topic unless a physical name is given)
   * @param serde the serde of its messages, or null for bytes
   * @param systemDescriptor its system
   */
  protected InputDescriptor(String streamId, Serde<StreamMessageType> serde, SystemDescriptor<?> systemDescriptor) {
    super(streamId, serde, systemDescriptor);
  }

  /**
   * Where to start when the job has no checkpoint for the stream.
   *
   * @param offsetDefault oldest or upcoming
   * @return this descriptor
   */
  public SubClass withOffsetDefault(OffsetType offsetDefault) {
    this.offsetDefault = Objects.requireNonNull(offsetDefault, "offsetDefault");
    return self();
  }

  /**
   * Start from the offset default on every start, ignoring the checkpoint.
   *
   * @return this descriptor
   */
  public SubClass shouldResetOffset() {
    this.resetOffset = true;
    return self();
  }

  /**
   * Read this stream to its end before delivering any other input of the task (and again when
   * a container starts).
   *
   * @return this descriptor
   */
  public SubClass shouldBootstrap() {
    this.bootstrap = true;
    return self();
  }

  /**
   * The stream's priority among the task's inputs: higher is chosen first when several have
   * messages waiting; default -1.
   *
   * @param priority the priority
   * @return this descriptor
   */
  public SubClass withPriority(int priority) {
    this.priority = priority;
    return self();
  }

  /**
   * The stream is bounded: the job ends by itself once every input is read to its end.
   *
   * @return this descriptor
   */
  public SubClass isBounded() {
    this.bounded = true;
    return self();
  }

  @Override
  public Map<String, String> toConfig() {
    Map<String, String> config = super.toConfig();
    if (offsetDefault != null) {
      config.put(streamKey("samza.offset.default"), offsetDefault.configValue());
    }
    if (resetOffset) {
      config.put(streamKey("samza.reset.offset"), "true");
    }
    if (bootstrap) {
      config.put(streamKey("samza.bootstrap"), "true");
    }
    if (priority != null) {
      config.put(streamKey("samza.priority"), priority.toString());
    }
    if (bounded) {
      config.put(streamKey("strand.bounded"), "true");
    }
    return config;
  }

  @SuppressWarnings("unchecked")
  private SubClass self() {
    return (SubClass) this;
  }
}
