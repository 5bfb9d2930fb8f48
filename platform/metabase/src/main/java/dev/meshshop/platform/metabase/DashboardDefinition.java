package dev.meshshop.platform.metabase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A dashboard as a domain describes it beside its products, in {@code mesh/<domain>/dashboards/<name>.yaml}: a
 * name, a description and questions written in SQL over the mesh's products, named {@code <domain>.<product>}
 * as in {@code docs/questions}. Questions are laid out in their order, left to right, on Metabase's grid of
 * {@value #GRID_WIDTH} columns.
 *
 * @param domain the domain whose file this is; its dashboards go to its own collection
 * @param source where the definition was read, for messages
 */
public record DashboardDefinition(
        String domain, String name, String description, List<Question> questions, String source) {

    public static final int GRID_WIDTH = 24;
    static final int DEFAULT_WIDTH = 12;
    static final int DEFAULT_HEIGHT = 6;

    /** Metabase's visualizations that a question of a dashboard as code may use. */
    public static final Set<String> DISPLAYS = Set.of("table", "bar", "line", "area", "row", "pie", "scalar");

    /**
     * One saved question.
     *
     * @param display how Metabase shows the result, one of {@link #DISPLAYS}
     * @param x for bar, line, area and row charts: the column along the axis
     * @param y for those charts: the columns plotted
     * @param sql the query, over the mesh's products as {@code <domain>.<product>}
     * @param width columns of the grid the question takes, 1 to 24; 12 when not given (0)
     * @param height rows of the grid it takes; 6 when not given (0)
     */
    public record Question(
            String name,
            String description,
            String display,
            String sql,
            String x,
            List<String> y,
            int width,
            int height) {

        public Question {
            sql = sql == null ? null : sql.strip();
            y = y == null ? List.of() : List.copyOf(y);
            width = width == 0 ? DEFAULT_WIDTH : width;
            height = height == 0 ? DEFAULT_HEIGHT : height;
        }
    }

    /** Where each question sits on the dashboard. */
    public record Placement(Question question, int row, int col) {}

    public DashboardDefinition {
        questions = List.copyOf(questions);
        var problems = new ArrayList<String>();
        if (blank(domain)) {
            problems.add("no domain");
        }
        if (blank(name)) {
            problems.add("no name");
        }
        if (questions.isEmpty()) {
            problems.add("no questions");
        }
        var names = new HashSet<String>();
        for (Question question : questions) {
            String label = "question '" + question.name() + "'";
            if (blank(question.name())) {
                problems.add("a question without a name");
            } else if (!names.add(question.name())) {
                problems.add("two questions named '" + question.name() + "'");
            }
            if (blank(question.sql())) {
                problems.add(label + " has no sql");
            }
            if (!DISPLAYS.contains(question.display())) {
                problems.add(label + " has display '" + question.display() + "'; use one of " + DISPLAYS);
            }
            if (question.width() < 1 || question.width() > GRID_WIDTH) {
                problems.add(label + " is " + question.width() + " columns wide; use 1 to " + GRID_WIDTH);
            }
            if (question.height() < 1) {
                problems.add(label + " is " + question.height() + " rows high; use at least 1");
            }
            boolean chart = Set.of("bar", "line", "area", "row").contains(question.display());
            if (chart && (blank(question.x()) || question.y().isEmpty())) {
                problems.add(label + " is a " + question.display() + " chart: name its x column and y columns");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "The dashboard in " + source + " is not valid: " + String.join("; ", problems));
        }
    }

    /** The questions in order, placed left to right in rows of the grid. */
    public List<Placement> layout() {
        var placements = new ArrayList<Placement>();
        int row = 0;
        int col = 0;
        int rowHeight = 0;
        for (Question question : questions) {
            if (col + question.width() > GRID_WIDTH) {
                row += rowHeight;
                col = 0;
                rowHeight = 0;
            }
            placements.add(new Placement(question, row, col));
            col += question.width();
            rowHeight = Math.max(rowHeight, question.height());
        }
        return placements;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
