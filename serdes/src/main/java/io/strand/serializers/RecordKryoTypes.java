package io.strand.serializers;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * The types a {@link RecordSerde}'s Kryo instances register, found once from the record class:
 * the record, its nested records, enums, {@code byte[]} and the list classes. Registration is
 * required, so the bytes carry registration ids, never class names, and a type outside this set
 * fails (Kryo's "Class is not registered") instead of writing its name.
 */
final class RecordKryoTypes {

  /**
   * The {@link List} classes a component may hold at run time, registered in this order (the ids
   * must match between writer and reader). Any other list class fails to write.
   */
  private static final List<Class<?>> LIST_CLASSES = List.of(ArrayList.class, LinkedList.class,
      Arrays.asList().getClass(), List.of().getClass(), List.of(1).getClass(),
      Collections.unmodifiableList(new ArrayList<>()).getClass(),
      Collections.unmodifiableList(new LinkedList<>()).getClass(), Collections.emptyList().getClass(),
      Collections.singletonList(1).getClass());

  /** Kryo registers these (and the primitives) itself. */
  private static final Set<Class<?>> BUILT_IN = Set.of(String.class, Boolean.class, Character.class, Byte.class,
      Short.class, Integer.class, Long.class, Float.class, Double.class);

  /** Types to register, in the order found (records depth-first, then enums etc.). */
  private final Set<Class<?>> registered;

  private RecordKryoTypes(Set<Class<?>> registered) {
    this.registered = registered;
  }

  /**
   * The types of a record class.
   *
   * @throws IllegalArgumentException naming the record and component whose type is not supported
   */
  static RecordKryoTypes of(Class<? extends Record> type) {
    Set<Class<?>> found = new LinkedHashSet<>();
    addRecord(type, found);
    return new RecordKryoTypes(found);
  }

  /** A Kryo instance with every type registered; not thread-safe (the serde pools them). */
  Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    for (Class<?> c : registered) {
      kryo.register(c);
    }
    UnmodifiableListSerializer lists = new UnmodifiableListSerializer();
    for (Class<?> c : LIST_CLASSES) {
      kryo.register(c, lists);
    }
    return kryo;
  }

  private static void addRecord(Class<?> record, Set<Class<?>> found) {
    if (!found.add(record)) {
      return; // seen: a record met twice, or one that refers to itself
    }
    for (RecordComponent c : record.getRecordComponents()) {
      addComponent(c.getGenericType(), found, record, c.getName());
    }
  }

  private static void addComponent(Type generic, Set<Class<?>> found, Class<?> record, String component) {
    Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType()
        : generic instanceof Class<?> c ? c : null;
    if (raw == null) {
      throw unsupported(record, component, generic);
    }
    if (raw.isPrimitive() || BUILT_IN.contains(raw)) {
      return; // Kryo's built-in registrations
    }
    if (raw == byte[].class || raw.isEnum()) {
      found.add(raw);
    } else if (raw.isRecord()) {
      addRecord(raw, found);
    } else if (raw == List.class && generic instanceof ParameterizedType p
        && !(p.getActualTypeArguments()[0] instanceof Class<?> e && e.isPrimitive())) {
      addComponent(p.getActualTypeArguments()[0], found, record, component + "[]");
    } else {
      throw unsupported(record, component, generic);
    }
  }

  private static IllegalArgumentException unsupported(Class<?> record, String component, Type type) {
    return new IllegalArgumentException("RecordSerde: " + record.getSimpleName() + "." + component + " has type "
        + type.getTypeName() + "; supported: primitives and their boxes, String, enums, byte[], records and"
        + " List<E> of those");
  }

  /** Reads any registered list class back as an unmodifiable list (nulls allowed). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class UnmodifiableListSerializer extends CollectionSerializer<Collection> {

    @Override
    protected Collection create(Kryo kryo, Input input, Class<? extends Collection> type, int size) {
      return new ArrayList<>(size);
    }

    @Override
    public Collection read(Kryo kryo, Input input, Class<? extends Collection> type) {
      return Collections.unmodifiableList((List) super.read(kryo, input, type));
    }
  }
}
