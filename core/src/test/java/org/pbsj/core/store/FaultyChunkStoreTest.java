package org.pbsj.core.store;

import java.nio.file.Path;
import java.time.Clock;

/** The contract suite against the fault-injecting wrapper, fault tests included. */
class FaultyChunkStoreTest extends ChunkStoreContractTest {
    @Override
    protected ChunkStore openStore(Path base) {
        return new FaultyChunkStore(base, Clock.systemUTC());
    }

    @Override
    protected boolean injectFault(FaultyChunkStore.Fault fault) {
        ((FaultyChunkStore) store).failNext(fault);
        return true;
    }
}
