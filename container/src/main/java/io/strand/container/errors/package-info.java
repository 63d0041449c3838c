/**
 * How a container fails: {@link io.strand.container.errors.ContainerFailedException}, thrown by
 * every part of the container (run loop, input decoding, task creation) and by
 * {@code StreamContainer.run()}, and caught by the runners. Depends on nothing of the container.
 */
package io.strand.container.errors;
