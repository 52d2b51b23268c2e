/*
 * powercut.c: an LD_PRELOAD shim for the crash harness's power-cut mode
 * (scripts/crash-test --power-cut, issue 12).
 *
 * It models a disk that keeps a file's content only as of that file's last
 * completed fsync: every successful fsync() or fdatasync() of a watched
 * file (a path beginning with $LANYARD_POWERCUT_PREFIX, i.e. the event
 * database, its -wal and -shm) copies the file's whole content to
 * $LANYARD_POWERCUT_SHADOW/<name> (through a temporary file and a rename,
 * so a kill during the copy leaves the previous snapshot). After the
 * process is killed, the driver puts the snapshots back and deletes watched
 * files that were never synced: every write() not followed by a completed
 * fsync() is dropped, as a power cut may drop it.
 *
 * It also makes fsync a place to die: with $LANYARD_POWERCUT_KILL_PERMILLE
 * set, each fsync of a watched file first rolls a die (seeded by
 * $LANYARD_POWERCUT_SEED) and, that often in a thousand, raises SIGKILL
 * before syncing: the process dies exactly between its write()s and
 * their fsync().
 *
 * $LANYARD_POWERCUT_LIE=1 turns fsync into a no-op that takes no snapshot
 * (a disk that lies about flushing): the harness's control, which must
 * then report lost actions.
 *
 * It does not model torn sectors, writes reordered within a file, or
 * metadata (a rename or unlink without a directory fsync is treated as
 * durable at once). See docs/reliability.md.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t state;
static int seeded;

static uint64_t next_random(void) {
    /* SplitMix64, as in the Rust harness. */
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The watched path of fd, or 0 when fd is not a watched regular file. */
static int watched(int fd, char *path, size_t size) {
    const char *prefix = getenv("LANYARD_POWERCUT_PREFIX");
    if (!prefix || !*prefix) return 0;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, size - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return strncmp(path, prefix, strlen(prefix)) == 0;
}

/* Copies the file's whole content to the shadow folder, atomically. */
static void snapshot(const char *path) {
    const char *shadow = getenv("LANYARD_POWERCUT_SHADOW");
    if (!shadow) return;
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    char tmp[2 * PATH_MAX], dest[2 * PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s/%s.tmp", shadow, name) >= (int)sizeof tmp) abort();
    if (snprintf(dest, sizeof dest, "%s/%s", shadow, name) >= (int)sizeof dest) abort();
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0) abort();
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) abort();
    static char buffer[1 << 16];
    off_t at = 0;
    for (;;) {
        ssize_t n = pread(in, buffer, sizeof buffer, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) abort();
        if (n == 0) break;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buffer + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) abort();
            done += w;
        }
        at += n;
    }
    close(in);
    close(out);
    if (rename(tmp, dest) != 0) abort();
}

static int synced(int fd, int (*real)(int)) {
    char path[PATH_MAX];
    if (!watched(fd, path, sizeof path)) return real(fd);
    pthread_mutex_lock(&lock);
    if (!seeded) {
        const char *seed = getenv("LANYARD_POWERCUT_SEED");
        state = seed ? strtoull(seed, 0, 10) : 1;
        seeded = 1;
    }
    const char *permille = getenv("LANYARD_POWERCUT_KILL_PERMILLE");
    if (permille && next_random() % 1000 < strtoull(permille, 0, 10)) {
        /* The writes are in the page cache, not on the "disk". */
        raise(SIGKILL);
    }
    const char *lie = getenv("LANYARD_POWERCUT_LIE");
    if (lie && strcmp(lie, "1") == 0) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    int result = real(fd);
    if (result == 0) snapshot(path);
    pthread_mutex_unlock(&lock);
    return result;
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    return synced(fd, real);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    return synced(fd, real);
}
