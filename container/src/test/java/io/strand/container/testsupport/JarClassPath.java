package io.strand.container.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A jar-only copy of the test JVM's class path, for process-mode runs that must look like the
 * dist's {@code lib/} (class-data sharing only archives classes from jar files).
 *
 * <p>Threading: stateless.
 */
public final class JarClassPath {

  private JarClassPath() {
  }

  /**
   * This JVM's class path with every directory packed into a jar (and a manifest-only jar, as
   * surefire's, expanded).
   *
   * @param dir where the jars of directories are written
   * @return a class path of jar files only
   * @throws IOException if a jar cannot be written
   */
  public static String of(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      if (Files.isRegularFile(p) && e.endsWith(".jar")) {
        try (JarFile jar = new JarFile(p.toFile())) {
          String cp = jar.getManifest() == null ? null
              : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
          if (cp != null && jar.stream().noneMatch(x -> x.getName().endsWith(".class"))) {
            for (String ref : cp.trim().split("\\s+")) {
              entries.add(ref.startsWith("file:") ? Path.of(URI.create(ref)).toString() : p.resolveSibling(ref).toString());
            }
            continue;
          }
        }
      }
      entries.add(e);
    }
    List<String> jars = new ArrayList<>();
    int n = 0;
    for (String e : entries) {
      Path p = Path.of(e);
      if (Files.isDirectory(p)) {
        jars.add(packDirectory(p, dir.resolve("dir-" + n++ + ".jar")).toString());
      } else if (Files.isRegularFile(p)) {
        jars.add(e);
      }
    }
    return String.join(File.pathSeparator, jars);
  }

  private static Path packDirectory(Path dir, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
         Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
