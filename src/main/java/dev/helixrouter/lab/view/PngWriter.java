package dev.helixrouter.lab.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a picture of a node as PNG: {@link Node#snapshot} on the FX thread, then the pixels
 * copied through a {@link PixelReader} into a {@link BufferedImage} for {@link ImageIO} (no
 * {@code javafx-swing} needed). Works headless too.
 */
public final class PngWriter {
    private PngWriter() {}

    /** Takes the picture; call on the FX thread. */
    public static BufferedImage capture(Node node) {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(javafx.scene.paint.Color.web("#12151b"));
        WritableImage image = node.snapshot(params, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            reader.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Encodes {@code image} to {@code file} (any thread). */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
