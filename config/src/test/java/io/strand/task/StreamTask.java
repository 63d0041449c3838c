package io.strand.task;

/** Test stand-in for task-api's interface: config's tests only need its name on the class path. */
public interface StreamTask {}
