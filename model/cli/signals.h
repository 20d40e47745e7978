/* signals.h -- what the capsim command does on SIGINT, SIGTERM and
 * SIGHUP (internal to the command).
 *
 * The signals are blocked in every thread (OpenMP's and MPI's threads
 * inherit the mask, so cap_signals_start comes before any of them) and
 * one thread waits for them with sigwait().  Being an ordinary thread,
 * not a handler, it may take locks and remove files: it stops any
 * gnuplot child, removes the temporary results folder and exits with
 * 128 + the signal's number.  A signal the command was started with
 * ignored (SIGHUP under nohup, SIGINT in a background job) stays
 * ignored.  SIGXFSZ is ignored, so a file-size limit shows as a write
 * error (EFBIG) that names its file, not a killed process.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_SIGNALS_H
#define CAPSIM_SIGNALS_H

#include <pthread.h>
#include <signal.h>

typedef struct {
    pthread_mutex_t lock;     /* held while the folder changes hands */
    sigset_t set;             /* the signals the thread waits for */
    char folder[2400];        /* the temporary folder to remove, or "" */
    char final[1100];         /* its final name, for the message */
    int started;
} cap_signals;

/* Block the signals and start the thread; s must outlive every thread
 * (it lives in main()).  Call before any other thread exists.  Returns
 * 0, or -1 (errno set) when the thread cannot be started: the signals
 * then keep their default actions. */
int cap_signals_start(cap_signals *s);

/* Hold s while a temporary folder is created, committed or removed, so
 * that a signal does not remove it half-way through a rename; then set
 * the folder a signal is to remove (NULL: none) and release. */
void cap_signals_hold(cap_signals *s);
void cap_signals_release(cap_signals *s, const char *folder,
                         const char *final);

#endif /* CAPSIM_SIGNALS_H */
