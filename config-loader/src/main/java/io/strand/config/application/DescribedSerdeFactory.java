package io.strand.config.application;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeFactory;

/**
 * The factory registered for a serde instance an application's descriptors named (one that is not
 * a built-in): it runs the application's {@code describe} again and returns that very instance,
 * so serdes with constructor arguments or of the application's own classes need no factory
 * class of their own.
 *
 * <p>Threading: stateless; each call describes the application afresh.
 */
public final class DescribedSerdeFactory implements SerdeFactory<Object> {

  /** Creates the factory; the container does so by class name. */
  public DescribedSerdeFactory() {
  }

  @Override
  @SuppressWarnings("unchecked")
  public Serde<Object> getSerde(String name, Config config) {
    String key = SerializerConfig.registryKey(name);
    DescribedApplication app = ApplicationLoader.describe(config).orElseThrow(() -> config.problem(key,
        "names " + DescribedSerdeFactory.class.getName() + ", which serves serdes of the application "
            + ApplicationLoader.APP_CLASS + " names, but " + ApplicationLoader.APP_CLASS + " is not set"));
    return (Serde<Object>) app.serde(name).orElseThrow(() -> config.problem(key,
        "the application " + config.get(ApplicationLoader.APP_CLASS).orElse("") + " describes no serde named '"
            + name + "'"));
  }
}
