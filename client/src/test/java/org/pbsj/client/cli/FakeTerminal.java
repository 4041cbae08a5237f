package org.pbsj.client.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers password prompts from a list, recording the prompts. */
final class FakeTerminal implements Terminal {
    final Deque<String> answers = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    private final boolean interactive;

    private FakeTerminal(boolean interactive) {
        this.interactive = interactive;
    }

    static FakeTerminal none() {
        return new FakeTerminal(false);
    }

    static FakeTerminal answering(String... answers) {
        FakeTerminal t = new FakeTerminal(true);
        t.answers.addAll(List.of(answers));
        return t;
    }

    @Override
    public boolean isInteractive() {
        return interactive;
    }

    @Override
    public char[] readPassword(String prompt) {
        prompts.add(prompt);
        String a = answers.poll();
        return a == null ? null : a.toCharArray();
    }
}
