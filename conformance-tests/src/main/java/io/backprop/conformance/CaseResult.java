package io.backprop.conformance;

import java.util.Locale;

/**
 * What one case gave on a backend.
 *
 * @param id the case's id
 * @param title the case's title
 * @param status passed, failed, skipped, or not run
 * @param detail why it was skipped, or how it failed; empty when it passed or was not run
 * @param worst the worst difference, when a {@link ConformanceFailure} gave one; NaN otherwise
 * @param tolerance the tolerance that difference broke, when a {@link ConformanceFailure} gave one; NaN otherwise
 * @param failure what the case threw, when it failed; null otherwise
 */
public record CaseResult(String id, String title, Status status, String detail, double worst, double tolerance,
                         Throwable failure) {
    /** What became of a case. */
    public enum Status {
        /** It ran and every check held. */
        PASSED,
        /** It ran and a check failed, or the backend threw. */
        FAILED,
        /** The backend declared it lacks what the case needs, or declared the case skipped: never a pass. */
        SKIPPED,
        /** It was not run: the run was stopped or filtered before it. */
        NOT_RUN,
        /**
         * It checks an optional feature the backend does not offer (a native model format): nothing to
         * check, so it neither passes nor counts against the result, as the Reactive Streams TCK treats
         * its optional rules.
         */
        NOT_APPLICABLE;

        /** The name reports use: {@code passed}, {@code failed}, {@code skipped}, {@code not-run}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static CaseResult passed(ConformanceCase c) {
        return new CaseResult(c.id(), c.title(), Status.PASSED, "", Double.NaN, Double.NaN, null);
    }

    static CaseResult skipped(ConformanceCase c, String reason) {
        return new CaseResult(c.id(), c.title(), Status.SKIPPED, reason, Double.NaN, Double.NaN, null);
    }

    static CaseResult notApplicable(ConformanceCase c, String reason) {
        return new CaseResult(c.id(), c.title(), Status.NOT_APPLICABLE, reason, Double.NaN, Double.NaN, null);
    }

    static CaseResult notRun(ConformanceCase c) {
        return new CaseResult(c.id(), c.title(), Status.NOT_RUN, "", Double.NaN, Double.NaN, null);
    }

    static CaseResult failed(ConformanceCase c, Throwable failure) {
        if (failure instanceof ConformanceFailure conformance) {
            return new CaseResult(c.id(), c.title(), Status.FAILED, String.valueOf(failure.getMessage()),
                    conformance.worst(), conformance.tolerance(), failure);
        }
        return new CaseResult(c.id(), c.title(), Status.FAILED, "threw " + failure, Double.NaN, Double.NaN, failure);
    }
}
