/* signals.c -- SIGINT, SIGTERM and SIGHUP remove the temporary results
 * folder and end the command with 128 + the signal's number (the design
 * is in signals.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "base/tree.h"
#include "cli/signals.h"

/* Stop this process's children (gnuplot, the only ones capsim starts),
 * so that none is left drawing into a folder being removed.  Found in
 * /proc, where there is one; elsewhere gnuplot reads the end of its
 * input when capsim exits and stops by itself. */
static void
stop_children(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t me = getpid();

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[300], buf[512], *p;
        FILE *f;
        size_t n;
        long ppid;

        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%.32s/stat", e->d_name);
        f = fopen(path, "r");
        if (f == NULL)
            continue;
        n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        p = strrchr(buf, ')');    /* the name may hold spaces */
        if (p != NULL && sscanf(p + 1, " %*c %ld", &ppid) == 1
            && ppid == (long) me) {
            pid_t child = (pid_t) atol(e->d_name);

            kill(child, SIGKILL);
            waitpid(child, NULL, 0);
        }
    }
    closedir(d);
}

static void *
wait_for_signal(void *arg)
{
    cap_signals *s = arg;
    struct stat st;
    int sig = 0;

    while (sigwait(&s->set, &sig) != 0)
        ;
    /* The main thread holds the lock only across a rename or a removal;
     * past it, the folder is either ours to remove or already in place. */
    pthread_mutex_lock(&s->lock);
    stop_children();
    if (s->folder[0]) {
        /* A file the main thread creates meanwhile keeps a folder from
         * going: try again. */
        for (int i = 0; i < 20 && lstat(s->folder, &st) == 0; i++)
            cap_tree_remove(s->folder);
        fprintf(stderr, "\ncapsim: interrupted by %s; %s not written\n",
                sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM"
                : "SIGHUP", s->final);
    }
    _exit(128 + sig);
    return NULL;
}

int
cap_signals_start(cap_signals *s)
{
    static const int wanted[] = { SIGINT, SIGTERM, SIGHUP };
    pthread_t thread;
    pthread_attr_t attr;
    int rc;

    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    /* A file-size limit then fails a write with EFBIG, reported with
     * the file's name, instead of killing capsim. */
    signal(SIGXFSZ, SIG_IGN);
    sigemptyset(&s->set);
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        struct sigaction old;

        /* nohup, and a shell's background jobs, ignore these: so do we. */
        if (sigaction(wanted[i], NULL, &old) == 0
            && old.sa_handler == SIG_IGN && wanted[i] != SIGTERM)
            continue;
        sigaddset(&s->set, wanted[i]);
    }
    pthread_sigmask(SIG_BLOCK, &s->set, NULL);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&thread, &attr, wait_for_signal, s);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_sigmask(SIG_UNBLOCK, &s->set, NULL);
        errno = rc;
        return -1;
    }
    s->started = 1;
    return 0;
}

void
cap_signals_hold(cap_signals *s)
{
    if (s != NULL && s->started)
        pthread_mutex_lock(&s->lock);
}

void
cap_signals_release(cap_signals *s, const char *folder, const char *final)
{
    if (s == NULL || !s->started)
        return;
    snprintf(s->folder, sizeof s->folder, "%s", folder ? folder : "");
    snprintf(s->final, sizeof s->final, "%s", final ? final : "");
    pthread_mutex_unlock(&s->lock);
}
