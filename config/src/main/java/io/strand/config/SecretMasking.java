package io.strand.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which configuration values are secrets and masks them wherever configuration is
 * printed. A key is secret when it contains {@code password} or {@code secret} (any case), is or
 * ends with {@code sasl.jaas.config}, or is an {@code ssl.*} key naming a key ({@code ssl.key.password},
 * {@code ssl.keystore.key}, ...). In any other value, a JVM option {@code -D<name>=<value>} whose
 * name is secret by the same rule ({@code task.opts=-Djavax.net.ssl.keyStorePassword=...}) has its
 * value masked.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class SecretMasking {

  /** The text that replaces a secret value. */
  public static final String MASK = "******";

  private static final Pattern SSL_KEY = Pattern.compile("(^|.*\\.)ssl\\..*key.*");
  private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=\\s]+)=(\\S*)");

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
    return isSecret(key) ? MASK : maskOptions(value);
  }

  /**
   * A value with the secret-looking {@code -D<name>=<value>} JVM options masked, as in
   * {@code task.opts}.
   *
   * @param value a value, for example {@code -Xmx1g -Dssl.truststore.password=changeit}
   * @return the value with each secret option's value replaced by {@link #MASK}, for example
   *     {@code -Xmx1g -Dssl.truststore.password=******}; the value itself when it has none
   */
  public static String maskOptions(String value) {
    if (value == null || !value.contains("-D")) {
      return value;
    }
    Matcher m = SYSTEM_PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = isSecret(m.group(1)) ? "-D" + m.group(1) + "=" + MASK : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
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
