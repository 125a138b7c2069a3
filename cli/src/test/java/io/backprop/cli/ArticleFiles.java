package io.backprop.cli;

import io.backprop.teaching.Article;
import io.backprop.teaching.Person;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The article's people and newcomers as the data files the commands read, written from the
 * teaching module's {@link Article}: a header, then a line a person, numbers as integers where
 * they are.
 */
final class ArticleFiles {
    /** The four people as the network sees them, 1 for female: {@code weight,height,gender}, {@code -2,-1,1} …. */
    static final String PEOPLE = csv("weight,height,gender", Article.TABLE,
            p -> numbers(p.features()) + "," + numbers(p.target()));
    /** The same, the target named: {@code -2,-1,F} …. */
    static final String PEOPLE_BY_CLASS = csv("weight,height,gender", Article.TABLE,
            p -> numbers(p.features()) + "," + gender(p));
    /** The four people as measured, 1 for female: {@code weight,height,female}, then {@code 133,65,1} …. */
    static final String PEOPLE_MEASURED = csv("weight,height,female", Article.TABLE,
            p -> numbers(p.measured()) + "," + numbers(p.target()));
    /** The article's table as it prints it: {@code name,weight_lb,height_in,gender}, {@code Alice,133,65,F} …. */
    static final String PEOPLE_RAW = csv("name,weight_lb,height_in,gender", Article.TABLE,
            p -> p.name() + "," + numbers(p.measured()) + "," + gender(p));
    /** Emily and Frank as the network sees them: {@code weight,height}, then {@code -7,-3} and {@code 20,2}. */
    static final String NEWCOMERS = csv("weight,height", Article.NEWCOMERS, p -> numbers(p.features()));
    /** Emily and Frank as measured: {@code name,weight_lb,height_in}, {@code Emily,128,63}, {@code Frank,155,68}. */
    static final String NEWCOMERS_RAW = csv("name,weight_lb,height_in", Article.NEWCOMERS,
            p -> p.name() + "," + numbers(p.measured()));

    private ArticleFiles() {
    }

    private static String csv(String header, List<Person> people, Function<Person, String> line) {
        return header + "\n" + people.stream().map(line).map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String numbers(double... values) {
        return Arrays.stream(values).mapToObj(v -> BigDecimal.valueOf(v).stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(","));
    }

    private static String gender(Person person) {
        return person.female() ? "F" : "M";
    }
}
