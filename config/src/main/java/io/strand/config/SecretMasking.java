package io.strand.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which configuration values are secrets and masks them wherever configuration is
 * printed. A key is secret when it contains {@code password} or {@code secret} (any case), is or
 * ends with {@code sasl.jaas.config}, or is an {@code ssl.*} key naming a key ({@code ssl.key.password},
 * {@code ssl.keystore.key}, ...).
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class SecretMasking {

  /** The text that replaces a secret value. */
  public static final String MASK = "******";

  private static final Pattern SSL_KEY = Pattern.compile("(^|.*\\.)ssl\\..*key.*");

  private SecretMasking() {}

  /**
   * Whether the value of this key must never be printed.
   *
   * @param key a configuration key, with or without a {@code systems.<s>.consumer.} style prefix
   * @return true if the value is a secret
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("secret")
        || k.endsWith("sasl.jaas.config")
        || SSL_KEY.matcher(k).matches();
  }

  /**
   * The value as it may be printed.
   *
   * @param key the key
   * @param value the value
   * @return {@link #MASK} for a secret key, the value otherwise
   */
  public static String mask(String key, String value) {
    return isSecret(key) ? MASK : value;
  }

  static String render(Map<String, String> entries, String source) {
    StringBuilder text = new StringBuilder("Config(").append(source).append("){");
    String separator = "";
    for (Map.Entry<String, String> e : entries.entrySet()) {
      text.append(separator).append(e.getKey()).append('=').append(mask(e.getKey(), e.getValue()));
      separator = ", ";
    }
    return text.append('}').toString();
  }
}
