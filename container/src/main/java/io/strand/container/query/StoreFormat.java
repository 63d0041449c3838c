package io.strand.container.query;

import io.strand.config.Config;
import io.strand.config.view.StorageConfig;
import io.strand.serdes.Serdes;
import io.strand.serializers.Serde;
import io.strand.storage.query.StoreLayout;
import java.util.Objects;

/**
 * How queries read one store: the serdes of its user keys and values, and its key layout.
 *
 * <ul>
 *   <li>{@value #LAYOUT}: a {@link StoreLayout} class; default {@link PlainLayout} (a task's own
 *       store); the streams API sets it for its aggregation stores;</li>
 *   <li>{@value #KEY_SERDE}, {@value #MSG_SERDE}: serde names for the user key and value when the
 *       store's own serdes are not theirs (the streams API's stores are byte stores); default
 *       {@code stores.<s>.key.serde} and {@code stores.<s>.msg.serde}.</li>
 * </ul>
 *
 * <p>Threading: an immutable value; serdes are thread-safe by their contract.
 *
 * @param store the store name
 * @param keySerde the user key's serde
 * @param valueSerde the value's serde
 * @param layout the key layout
 */
public record StoreFormat(String store, Serde<Object> keySerde, Serde<Object> valueSerde, StoreLayout layout) {

  /** {@code stores.<s>.query.layout}: the key layout class. */
  public static final String LAYOUT = "query.layout";
  /** {@code stores.<s>.query.key.serde}: the user key's serde name. */
  public static final String KEY_SERDE = "query.key.serde";
  /** {@code stores.<s>.query.msg.serde}: the value's serde name. */
  public static final String MSG_SERDE = "query.msg.serde";

  /** Checks the components are present. */
  public StoreFormat {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(layout, "layout");
  }

  /**
   * Resolves a store's format from the config.
   *
   * @param store the store name
   * @param config the job config
   * @return the format
   * @throws io.strand.config.ConfigException naming the key when a serde is missing or unknown, or the
   *     layout class cannot be made
   */
  public static StoreFormat fromConfig(String store, Config config) {
    String keySerde = serdeName(config, store, KEY_SERDE, StorageConfig.KEY_SERDE);
    String msgSerde = serdeName(config, store, MSG_SERDE, StorageConfig.MSG_SERDE);
    String layoutKey = StorageConfig.storeKey(store, LAYOUT);
    StoreLayout layout = config.newInstance(layoutKey, StoreLayout.class).orElseGet(PlainLayout::new);
    return new StoreFormat(store, Serdes.fromConfig(keySerde, config), Serdes.fromConfig(msgSerde, config), layout);
  }

  private static String serdeName(Config config, String store, String querySuffix, String storeSuffix) {
    String queryKey = StorageConfig.storeKey(store, querySuffix);
    String storeKey = StorageConfig.storeKey(store, storeSuffix);
    return config.get(queryKey).map(String::trim).filter(s -> !s.isEmpty())
        .or(() -> config.get(storeKey).map(String::trim).filter(s -> !s.isEmpty()))
        .orElseThrow(() -> config.problem(storeKey, "store '" + store + "' needs a serde name to be queried"));
  }
}
