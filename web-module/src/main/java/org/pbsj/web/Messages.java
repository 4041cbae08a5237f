package org.pbsj.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import org.pbsj.server.application.ServiceException;

/** Puts service answers on the page as Faces messages; confirmations survive the redirect through the flash. */
final class Messages {
    private Messages() {
    }

    /** An error shown on the page that is rendered now (actions that fail stay on their page). */
    static void error(ServiceException e) {
        add(FacesMessage.SEVERITY_ERROR, e.getMessage() == null ? e.kind().name() : e.getMessage(), false);
    }

    /** The service's answer, or {@code fallback} with the error on the page. */
    static <T> T orElse(java.util.function.Supplier<T> call, T fallback) {
        try {
            return call.get();
        } catch (ServiceException e) {
            error(e);
            return fallback;
        }
    }

    /** Runs an action: its outcome, or null (the page stays) with the service's refusal on it. */
    static String run(java.util.function.Supplier<String> action) {
        try {
            return action.get();
        } catch (ServiceException e) {
            error(e);
            return null;
        }
    }

    /** A confirmation shown after the redirect that follows a successful action. */
    static void info(String text) {
        add(FacesMessage.SEVERITY_INFO, text, true);
    }

    private static void add(FacesMessage.Severity severity, String text, boolean keep) {
        FacesContext ctx = FacesContext.getCurrentInstance();
        ctx.addMessage(null, new FacesMessage(severity, text, null));
        if (keep) {
            ctx.getExternalContext().getFlash().setKeepMessages(true);
        }
    }
}
