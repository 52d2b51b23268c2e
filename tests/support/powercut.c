/*
 * powercut.c: an LD_PRELOAD shim for the crash harness's power-cut mode
 * (scripts/crash-test --power-cut, issue 12).
 *
 * It records, for the watched files (paths beginning with
 * $LANYARD_POWERCUT_PREFIX: the event database and its -wal and -shm),
 * what a disk would have been told, in $LANYARD_POWERCUT_SHADOW:
 *
 * - <name>: the file's whole content as of its last completed fsync() or
 *   fdatasync() (copied through a temporary file and a rename, so a kill
 *   during the copy leaves the previous one);
 * - <name>.log: every write (pwrite, pwrite64, write) and ftruncate made
 *   to the file since then, in order, appended after the call returned:
 *   records of { int64 offset; int64 length; bytes }, a length of -1
 *   meaning "truncated to offset". The log is emptied at each fsync,
 *   before the snapshot is taken (a kill between the two leaves the older
 *   snapshot and no log: as if that fsync never completed).
 *
 * After the process dies, the driver rebuilds each file from its snapshot
 * plus some of the logged writes (none, a prefix with the next one torn at
 * a 512-byte boundary, a random subset, or all): a power cut keeps any of
 * the writes not yet synced, and none of them can be relied on.
 *
 * It also makes fsync a place to die: with $LANYARD_POWERCUT_KILL_PERMILLE
 * set, each fsync of a watched file first rolls a die (seeded by
 * $LANYARD_POWERCUT_SEED) and, that often in a thousand, raises SIGKILL
 * before syncing: the process dies exactly between its write()s and their
 * fsync(). $LANYARD_POWERCUT_LIE=1 makes fsync a no-op that takes no
 * snapshot (a disk that lies about flushing): the harness's control, which
 * must then report lost actions.
 *
 * Not modelled: writes through mmap (SQLite maps only the -shm, which is
 * rebuilt after a crash and deleted by the driver), metadata (a rename or
 * unlink without a directory fsync counts as durable at once), and
 * damage beyond torn writes (bit rot, misdirected writes).
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
#include <sys/types.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t state;
static int seeded;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_close)(int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);

static void resolve(void) {
    if (real_write) return;
    real_pwrite = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    real_pwrite64 = (ssize_t (*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT, "pwrite64");
    real_ftruncate = (int (*)(int, off_t))dlsym(RTLD_NEXT, "ftruncate");
    real_ftruncate64 = (int (*)(int, off64_t))dlsym(RTLD_NEXT, "ftruncate64");
    real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
}

static uint64_t next_random(void) {
    /* SplitMix64, as in the Rust harness. */
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* What is known of each descriptor: 0 unknown, 1 watched, 2 not watched. */
#define KNOWN_FDS 4096
static unsigned char known[KNOWN_FDS];
static char names[KNOWN_FDS][NAME_MAX + 1];

/* The file name of fd when it is a watched regular file, else NULL. */
static const char *watched(int fd) {
    if (fd < 0) return NULL;
    if (fd < KNOWN_FDS && known[fd]) return known[fd] == 1 ? names[fd] : NULL;
    const char *prefix = getenv("LANYARD_POWERCUT_PREFIX");
    char link[64], path[PATH_MAX];
    struct stat st;
    int yes = 0;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (prefix && *prefix && n > 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        path[n] = 0;
        yes = strncmp(path, prefix, strlen(prefix)) == 0;
    }
    if (fd >= KNOWN_FDS) return NULL;
    known[fd] = yes ? 1 : 2;
    if (!yes) return NULL;
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    if (strlen(name) >= sizeof names[fd]) abort();
    memcpy(names[fd], name, strlen(name) + 1);
    return names[fd];
}

static void shadow_path(char *out, size_t size, const char *name, const char *suffix) {
    const char *shadow = getenv("LANYARD_POWERCUT_SHADOW");
    if (!shadow || snprintf(out, size, "%s/%s%s", shadow, name, suffix) >= (int)size) abort();
}

static void write_all(int fd, const void *data, size_t size) {
    const char *bytes = data;
    while (size > 0) {
        ssize_t w = real_write(fd, bytes, size);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) abort();
        bytes += w;
        size -= (size_t)w;
    }
}

/* Appends one record to the file's log of writes not yet synced. */
static void record(const char *name, int64_t offset, int64_t length, const void *data) {
    char log[2 * PATH_MAX];
    shadow_path(log, sizeof log, name, ".log");
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) abort();
    int64_t head[2] = {offset, length};
    write_all(fd, head, sizeof head);
    if (length > 0) write_all(fd, data, (size_t)length);
    real_close(fd);
}

/* Copies the file's whole content as its snapshot, atomically. */
static void snapshot(int fd, const char *name) {
    char tmp[2 * PATH_MAX], dest[2 * PATH_MAX];
    shadow_path(tmp, sizeof tmp, name, ".tmp");
    shadow_path(dest, sizeof dest, name, "");
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) abort();
    static char buffer[1 << 16];
    off_t at = 0;
    for (;;) {
        ssize_t n = pread(fd, buffer, sizeof buffer, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) abort();
        if (n == 0) break;
        write_all(out, buffer, (size_t)n);
        at += n;
    }
    real_close(out);
    if (rename(tmp, dest) != 0) abort();
}

static int synced(int fd, int (*real)(int)) {
    resolve();
    pthread_mutex_lock(&lock);
    const char *name = watched(fd);
    if (!name) {
        pthread_mutex_unlock(&lock);
        return real(fd);
    }
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
    if (result == 0) {
        char log[2 * PATH_MAX];
        shadow_path(log, sizeof log, name, ".log");
        unlink(log);
        snapshot(fd, name);
    }
    pthread_mutex_unlock(&lock);
    return result;
}

static void wrote(int fd, int64_t offset, ssize_t written, const void *data) {
    if (written <= 0) return;
    pthread_mutex_lock(&lock);
    const char *name = watched(fd);
    if (name) record(name, offset, written, data);
    pthread_mutex_unlock(&lock);
}

static void truncated(int fd, int64_t length, int result) {
    if (result != 0) return;
    pthread_mutex_lock(&lock);
    const char *name = watched(fd);
    if (name) record(name, length, -1, NULL);
    pthread_mutex_unlock(&lock);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    resolve();
    ssize_t n = real_pwrite(fd, buf, count, offset);
    wrote(fd, offset, n, buf);
    return n;
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
    resolve();
    ssize_t n = real_pwrite64(fd, buf, count, offset);
    wrote(fd, offset, n, buf);
    return n;
}

ssize_t write(int fd, const void *buf, size_t count) {
    resolve();
    /* Only a watched file's offset is asked for; the rest pass straight on. */
    pthread_mutex_lock(&lock);
    int watch = watched(fd) != NULL;
    pthread_mutex_unlock(&lock);
    if (!watch) return real_write(fd, buf, count);
    off_t at = lseek(fd, 0, SEEK_CUR);
    ssize_t n = real_write(fd, buf, count);
    wrote(fd, at, n, buf);
    return n;
}

int ftruncate(int fd, off_t length) {
    resolve();
    int result = real_ftruncate(fd, length);
    truncated(fd, length, result);
    return result;
}

int ftruncate64(int fd, off64_t length) {
    resolve();
    int result = real_ftruncate64(fd, length);
    truncated(fd, length, result);
    return result;
}

int close(int fd) {
    resolve();
    pthread_mutex_lock(&lock);
    if (fd >= 0 && fd < KNOWN_FDS) known[fd] = 0;
    pthread_mutex_unlock(&lock);
    return real_close(fd);
}

int fsync(int fd) {
    resolve();
    return synced(fd, real_fsync);
}

int fdatasync(int fd) {
    resolve();
    return synced(fd, real_fdatasync);
}
