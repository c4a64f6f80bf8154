/*
 * scenarios/lineio.h - one line over a socket, for the lessons whose
 * processes talk by request and reply (manager, server): read a line, and
 * a client's whole request (connect, send a line, read the reply line).
 */
#ifndef PROCVIZ_SCEN_LINEIO_H
#define PROCVIZ_SCEN_LINEIO_H

#include <sys/socket.h>
#include <sys/types.h>

/*
 * Read one line from @fd, up to '\n' (dropped) or end of file, into @buf
 * (at most @len - 1 bytes, always terminated).  Returns its length.
 */
ssize_t lineio_read(int fd, char *buf, size_t len);

/*
 * Connect a new stream socket of @domain to @addr, send @req and a
 * newline, read the reply line into @out.  0, or -1 with errno set.
 */
int lineio_request(int domain, const struct sockaddr *addr, socklen_t alen,
		   const char *req, char *out, size_t len);

#endif
