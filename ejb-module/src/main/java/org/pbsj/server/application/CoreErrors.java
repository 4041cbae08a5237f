package org.pbsj.server.application;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.pbsj.core.datastore.InvalidNameException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.store.StoreException;

/**
 * Turns the typed errors of core into business errors inside the EJB, so the container neither
 * wraps them as system exceptions nor logs a refused operation as a server failure.
 */
final class CoreErrors {
    private CoreErrors() {
    }

    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ServiceException e) {
            throw e;
        } catch (InvalidNameException e) {
            throw ServiceException.badRequest(e.getMessage());
        } catch (StoreException | PbsFormatException e) {
            // refused operations (protected, locked, already exists) and damaged data: PBS answers 400
            throw new ServiceException(ServiceException.Kind.BAD_REQUEST, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, e.getMessage() + " - " + e.getCause().getMessage(), e);
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
