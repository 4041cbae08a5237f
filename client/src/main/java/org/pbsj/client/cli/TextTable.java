package org.pbsj.client.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Box-drawn tables as proxmox-router prints them in text mode: a header row, {@code ╞═╪═╡} below
 * it, {@code ├─┼─┤} between rows. Without border (PROXMOX_OUTPUT_NO_BORDER) columns are only
 * separated by spaces. Cells may span several lines.
 */
public final class TextTable {
    private final boolean border;
    private final boolean header;

    public TextTable(boolean border, boolean header) {
        this.border = border;
        this.header = header;
    }

    public String render(List<String> headers, List<List<String>> rows) {
        int n = headers.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            if (header) {
                width[c] = maxLineWidth(headers.get(c));
            }
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], maxLineWidth(row.get(c)));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (border) {
            rule(sb, width, '┌', '─', '┬', '┐');
        }
        if (header) {
            row(sb, width, headers);
            if (border) {
                rule(sb, width, '╞', '═', '╪', '╡');
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0 && border) {
                rule(sb, width, '├', '─', '┼', '┤');
            }
            row(sb, width, rows.get(r));
        }
        if (border) {
            rule(sb, width, '└', '─', '┴', '┘');
        }
        return sb.toString();
    }

    private void row(StringBuilder sb, int[] width, List<String> cells) {
        List<String[]> lines = new ArrayList<>();
        int height = 1;
        for (String cell : cells) {
            String[] l = cell.split("\n", -1);
            lines.add(l);
            height = Math.max(height, l.length);
        }
        for (int h = 0; h < height; h++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                String[] l = lines.get(c);
                String text = h < l.length ? l[h] : "";
                if (border) {
                    line.append(c == 0 ? "│ " : " │ ");
                } else if (c > 0) {
                    line.append(' ');
                }
                line.append(text).append(" ".repeat(width[c] - displayWidth(text)));
            }
            if (border) {
                line.append(" │");
            }
            sb.append(border ? line : stripTrailing(line)).append('\n');
        }
    }

    private static void rule(StringBuilder sb, int[] width, char left, char fill, char mid, char right) {
        sb.append(left);
        for (int c = 0; c < width.length; c++) {
            if (c > 0) {
                sb.append(mid);
            }
            sb.append(String.valueOf(fill).repeat(width[c] + 2));
        }
        sb.append(right).append('\n');
    }

    private static int maxLineWidth(String s) {
        int w = 0;
        for (String l : s.split("\n", -1)) {
            w = Math.max(w, displayWidth(l));
        }
        return w;
    }

    /** Code points, not chars: one column per character (wide CJK characters are not handled). */
    static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String stripTrailing(StringBuilder sb) {
        return sb.toString().stripTrailing();
    }
}
