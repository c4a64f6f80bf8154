/*
 * common/procfile.h - read a small /proc file whole, written once for
 * every layer (the guardian in scenarios/, the tracer and the marker in
 * viz/core/ all read /proc/PID/stat, /status or /proc/loadavg this way).
 *
 * procfile_read(): the file's first @len - 1 bytes into @buf, NUL
 * terminated (a /proc file is read in one read(): the kernel makes each
 * read a consistent snapshot).  Returns the length, or -errno (-ENOENT:
 * the process is gone; -EIO: the file was empty).  @fmt and its arguments
 * name the file, as for snprintf.
 */
#ifndef PROCVIZ_COMMON_PROCFILE_H
#define PROCVIZ_COMMON_PROCFILE_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

static inline ssize_t procfile_read(char *buf, size_t len, const char *fmt,
				    ...)
	__attribute__((format(printf, 3, 4)));

static inline ssize_t procfile_read(char *buf, size_t len, const char *fmt,
				    ...)
{
	char path[64];
	va_list ap;
	ssize_t n;
	int fd, e;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	if (n == 0)
		return -EIO;
	buf[n] = '\0';
	return n;
}

#endif
