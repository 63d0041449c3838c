/**
 * The container's assembly: {@link io.strand.container.assembly.StreamContainer} runs the tasks
 * the job model gives one container, and is the one place that assembles the parts of the other
 * sub-packages of {@code io.strand.container} in Samza's start order (and closes them in reverse,
 * {@code Closer}). It reads the job config once into typed settings (its own
 * {@code InputStreamSettings} and {@code TaskFactory}, and the settings records of the other
 * sub-packages), hands those down, and gives tasks their contexts ({@code ContainerContexts});
 * only a task's {@code JobContext.getConfig()} still sees the raw config.
 *
 * <p>Arrows point down only: this package uses every other sub-package, and none of them uses
 * this one except the runners. Lowest are {@code job} (the job's identity and derived names),
 * {@code errors} and {@code logging}; then {@code kafka}, {@code metrics}, {@code grouper},
 * {@code model}, {@code serde}; then {@code checkpoint}, {@code coordinator}, {@code output},
 * {@code input}; then {@code runloop} and {@code storage}; the runners ({@code runner},
 * {@code cli}) sit on top of this package. (The parent package {@code io.strand.container} holds
 * only the task-facing {@code TaskName}, from {@code strand-task-api}, which every layer may use.)
 */
package io.strand.container.assembly;
