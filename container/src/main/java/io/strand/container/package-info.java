/**
 * The container: {@link io.strand.container.StreamContainer} runs the tasks the job model gives
 * one container, and is the one place that assembles the parts of the sub-packages in Samza's
 * start order. It reads the job config once into typed settings (its own
 * {@code InputStreamSettings} and {@code TaskFactory}, and the settings records of the
 * sub-packages) and hands those down; only a task's {@code JobContext.getConfig()} still sees the
 * raw config.
 *
 * <p>Arrows point down only: this package uses every sub-package, and no sub-package uses this
 * one. Lowest are {@code job} (the job's identity and derived names), {@code errors} and
 * {@code logging}; then {@code kafka}, {@code metrics}, {@code grouper}, {@code model},
 * {@code serde}; then {@code checkpoint}, {@code coordinator}, {@code output}, {@code input};
 * then {@code runloop} and {@code storage}; the runners ({@code runner}, {@code cli}) sit on top
 * of this package.
 */
package io.strand.container;
