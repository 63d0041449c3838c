package io.strand.testkit.kafka;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes a broker's temp directory; a leftover is worth a warning, never a failed close. */
final class TempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    static void deleteRecursively(Path dir) {
        try {
            PathUtils.delete(dir); // nothing if absent
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
