package io.backprop.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The header of a {@link DataFile}: how many rows it holds, and its columns' names and, for a column of
 * class names, the classes its codes stand for.
 *
 * <p>It is stored as UTF-8 JSON: {@code {"format":"backprop-data/1","rows":N,"columns":[{"name":"x1"},
 * {"name":"species","classes":["setosa","versicolor"]}]}}. Fields it does not know are skipped, so that a
 * later writer may add some that this version can do without.
 *
 * @param rows the number of rows
 * @param columns the columns, in the file's order
 */
public record DataFileHeader(long rows, List<Column> columns) {
    /** The format this version reads and writes, as the header's {@code "format"} names it. */
    public static final String FORMAT = "backprop-data/1";

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One column.
     *
     * @param name its name, as the CSV file's header gave it
     * @param classes for a column of class names, the names its codes 0, 1, … stand for, in the order they
     *     were first found in the rows; empty for a column of numbers
     */
    public record Column(String name, List<String> classes) {
        public Column {
            Objects.requireNonNull(name, "name");
            classes = List.copyOf(classes);
        }

        /** A column of numbers. */
        public static Column numbers(String name) {
            return new Column(name, List.of());
        }

        /** Whether the column holds class codes rather than numbers. */
        public boolean hasClasses() {
            return !classes.isEmpty();
        }
    }

    public DataFileHeader {
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows);
        }
        columns = List.copyOf(columns);
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The size in bytes of the file this header heads: the header, its padding and rows × columns float64 values. */
    public long fileSize() {
        return DataFileLayout.dataOffset(toJson().length) + rows * columns.size() * Double.BYTES;
    }

    /** The header as the file stores it: UTF-8 JSON. */
    byte[] toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("rows", rows);
            json.writeArrayFieldStart("columns");
            for (Column column : columns) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                if (column.hasClasses()) {
                    json.writeArrayFieldStart("classes");
                    for (String name : column.classes()) {
                        json.writeString(name);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array takes any write
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a header from its JSON.
     *
     * @param source the file, for messages
     * @throws DataException naming the file and the field that is missing or wrong, or where the JSON is
     *     malformed
     */
    static DataFileHeader parse(String source, byte[] text) {
        Parse parse = new Parse(source);
        try (JsonParser json = JSON.createParser(text)) {
            return parse.header(json);
        } catch (JsonProcessingException e) {
            // Jackson's own location names no file and counts characters; the byte offset says where
            String reason = e.getOriginalMessage().replaceAll(" \\(start marker at \\[.*?\\]\\)", "");
            throw new DataException(source + ": header: malformed JSON (" + Excerpt.line(reason)
                    + ") at byte " + e.getLocation().getByteOffset() + " of " + text.length
                    + "; expected the JSON header of a " + FORMAT + " file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to be read
        }
    }

    /** The reading of one header, which knows the file it names in messages. */
    private record Parse(String source) {
        DataFileHeader header(JsonParser json) throws IOException {
            expect(json.nextToken(), JsonToken.START_OBJECT, "header", "a JSON object");
            String format = null;
            Long rows = null;
            List<Column> columns = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "format" -> {
                        expect(value, JsonToken.VALUE_STRING, "\"format\"", "\"" + FORMAT + "\"");
                        format = json.getText();
                    }
                    case "rows" -> rows = rows(json, value);
                    case "columns" -> columns = columns(json, value);
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                throw wrong("header", "more after its JSON object", "one JSON object");
            }
            if (format == null) {
                throw missing("\"format\"");
            }
            if (!format.equals(FORMAT)) {
                throw wrong("\"format\"", Excerpt.quote(format), "\"" + FORMAT + "\", the format this version of"
                        + " backprop reads");
            }
            if (rows == null) {
                throw missing("\"rows\"");
            }
            if (columns == null) {
                throw missing("\"columns\"");
            }
            return new DataFileHeader(rows, columns);
        }

        private long rows(JsonParser json, JsonToken value) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || json.getLongValue() < 0) {
                throw wrong("\"rows\"", found(json, value), "a whole number, 0 or more");
            }
            return json.getLongValue();
        }

        private List<Column> columns(JsonParser json, JsonToken value) throws IOException {
            expect(value, JsonToken.START_ARRAY, "\"columns\"", "an array of columns");
            List<Column> columns = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                String at = "\"columns\"[" + columns.size() + "]";
                expect(token, JsonToken.START_OBJECT, at, "an object with a \"name\"");
                String name = null;
                List<String> classes = List.of();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken fieldValue = json.nextToken();
                    switch (field) {
                        case "name" -> {
                            expect(fieldValue, JsonToken.VALUE_STRING, at + ".name", "a column name");
                            name = json.getText();
                        }
                        case "classes" -> classes = classes(json, fieldValue, at + ".classes");
                        default -> json.skipChildren();
                    }
                }
                if (name == null) {
                    throw missing(at + ".name");
                }
                if (name.isEmpty()) {
                    throw wrong(at + ".name", "\"\"", "a column name");
                }
                if (!names.add(name)) {
                    throw wrong(at + ".name", Excerpt.quote(name) + ", a name an earlier column has", "distinct names");
                }
                columns.add(new Column(name, classes));
            }
            return columns;
        }

        private List<String> classes(JsonParser json, JsonToken value, String at) throws IOException {
            expect(value, JsonToken.START_ARRAY, at, "an array of class names");
            List<String> classes = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                String field = at + "[" + classes.size() + "]";
                expect(token, JsonToken.VALUE_STRING, field, "a class name");
                String name = json.getText();
                if (name.isEmpty() || !seen.add(name)) {
                    throw wrong(field, Excerpt.quote(name), "a class name, each once");
                }
                classes.add(name);
            }
            if (classes.isEmpty()) {
                throw wrong(at, "[]", "the names of the classes the column's codes stand for");
            }
            return classes;
        }

        private void expect(JsonToken token, JsonToken expected, String field, String what) throws IOException {
            if (token != expected) {
                throw wrong(field, token == null ? "the end of the header" : "a JSON " + describe(token), what);
            }
        }

        private static String found(JsonParser json, JsonToken value) throws IOException {
            return value.isScalarValue() ? Excerpt.quote(json.getText()) : "a JSON " + describe(value);
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "object";
                case START_ARRAY -> "array";
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                case VALUE_NULL -> "null";
                default -> "field";
            };
        }

        private DataException missing(String field) {
            return new DataException(source + ": header: no " + field + "; expected a " + FORMAT + " header with"
                    + " \"format\", \"rows\" and \"columns\"");
        }

        private DataException wrong(String field, String found, String expected) {
            // the whole header is not one of its fields
            String where = field.startsWith("\"") ? "header field " + field : "header";
            return new DataException(source + ": " + where + ": found " + found + "; expected " + expected);
        }
    }
}
