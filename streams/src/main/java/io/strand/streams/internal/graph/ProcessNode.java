package io.strand.streams.internal.graph;

import io.strand.streams.ProcessorSupplier;
import java.util.List;

/** The {@code process} escape hatch: a supplier of per-task processors and the stores they use. */
public final class ProcessNode extends Node {

  private final ProcessorSupplier<?, ?, ?, ?> supplier;
  private final List<String> stores;

  ProcessNode(String name, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> stores) {
    super(name);
    this.supplier = supplier;
    this.stores = List.copyOf(stores);
  }

  /** @return the supplier */
  public ProcessorSupplier<?, ?, ?, ?> supplier() {
    return supplier;
  }

  /** @return the store names the processor may use */
  public List<String> stores() {
    return stores;
  }
}
