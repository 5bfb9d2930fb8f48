package dev.meshshop.platform.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A4 pages that content flows onto from top to bottom: a cursor marks where the next thing goes, and a thing that
 * does not fit below it starts a new page. Text goes in Helvetica, one of the PDF's standard fonts that every
 * reader has; those fonts can only write the characters of the WinAnsi code page (Western European), so every
 * other character is written as {@code ?} rather than failing the report.
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 48;
    static final PDRectangle PAGE = PDRectangle.A4;
    static final String UNPRINTABLE = "?";

    private static final float BOTTOM = MARGIN + 24;

    final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document;
    private PDPageContentStream stream;
    private float cursor;

    PdfPages(PDDocument document) {
        this.document = document;
    }

    /** The left edge of the content. */
    float left() {
        return MARGIN;
    }

    /** The width of the content between the margins. */
    float width() {
        return PAGE.getWidth() - 2 * MARGIN;
    }

    /** Where the next thing's top goes. */
    float cursor() {
        return cursor;
    }

    /** The stream of the page being written. */
    PDPageContentStream stream() {
        return stream;
    }

    void newPage() {
        closeStream();
        var page = new PDPage(PAGE);
        document.addPage(page);
        try {
            stream = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cursor = PAGE.getHeight() - MARGIN;
    }

    /**
     * Makes room for something {@code height} high below the cursor, on a new page if this one has not enough.
     *
     * @return whether a new page was started
     */
    boolean makeRoom(float height) {
        if (stream == null || cursor - height < BOTTOM) {
            newPage();
            return true;
        }
        return false;
    }

    /** Moves the cursor down past something {@code height} high, and returns where that thing's top is. */
    float take(float height) {
        var top = cursor;
        cursor -= height;
        return top;
    }

    /** Writes a line of text at the cursor and moves the cursor below it. */
    void line(PDFont font, float size, String text) {
        var leading = leading(size);
        makeRoom(leading);
        var top = take(leading);
        text(font, size, left(), top - size, text);
    }

    /** Writes text wrapped to the content's width, a line at a time, flowing onto a new page where needed. */
    void paragraph(PDFont font, float size, String text) {
        for (var line : wrap(font, size, width(), text)) {
            line(font, size, line);
        }
    }

    /** Moves the cursor down by {@code height}, if the page has room for that; a new page starts at its top. */
    void gap(float height) {
        if (cursor - height >= BOTTOM) {
            cursor -= height;
        }
    }

    void text(PDFont font, float size, float x, float baseline, String text) {
        try {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(printable(font, text));
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void textRight(PDFont font, float size, float right, float baseline, String text) {
        text(font, size, right - width(font, size, text), baseline, text);
    }

    void textCentred(PDFont font, float size, float centre, float baseline, String text) {
        text(font, size, centre - width(font, size, text) / 2, baseline, text);
    }

    static float leading(float size) {
        return size * 1.35f;
    }

    static float width(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(printable(font, text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text broken into lines no wider than {@code width}: at spaces, and inside a word too long for a line. */
    static List<String> wrap(PDFont font, float size, float width, String text) {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (var word : printable(font, text).split(" +")) {
            var candidate = line.isEmpty() ? word : line + " " + word;
            if (width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            for (var character : word.split("")) {
                if (!line.isEmpty() && width(font, size, line + character) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(character);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The text as the font can write it: control characters become spaces, and characters outside the font's
     * encoding (for a standard font, anything beyond WinAnsi: CJK, emoji, arrows) become {@value #UNPRINTABLE}.
     */
    static String printable(PDFont font, String text) {
        var printable = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                printable.append(' ');
            } else if (encodes(font, c)) {
                printable.appendCodePoint(c);
            } else {
                printable.append(UNPRINTABLE);
            }
        });
        return printable.toString();
    }

    private static boolean encodes(PDFont font, int codePoint) {
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes each page's footer, once all pages are there: the caption, cut short if it is too long, and the
     * page's number of the whole.
     */
    void footers(String caption) {
        closeStream();
        var size = 8f;
        var pageNumberWidth = 80f;
        var lines = wrap(regular, size, width() - pageNumberWidth, caption);
        var shortCaption = lines.size() == 1 ? lines.get(0) : lines.get(0) + " …";
        var total = document.getNumberOfPages();
        var number = 0;
        for (var page : document.getPages()) {
            number++;
            try (var footer =
                    new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                stream = footer;
                footer.setNonStrokingColor(0.4f);
                text(regular, size, left(), MARGIN - size, shortCaption);
                textRight(regular, size, left() + width(), MARGIN - size, "Page " + number + " of " + total);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                stream = null;
            }
        }
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
