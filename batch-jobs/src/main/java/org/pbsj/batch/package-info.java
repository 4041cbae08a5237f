/**
 * Jakarta Batch jobs (garbage collection, verify, prune, sync, server-side backup): job XML in
 * {@code META-INF/batch-jobs}, thin batchlets over services of the ejb-module.
 */
package org.pbsj.batch;
