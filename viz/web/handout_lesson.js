/*
 * viz/web/handout_lesson.js - a recorded lesson in procviz's web page
 * (handout.js has the controls and the start).
 *
 * The events are indexed once: per process (or task) its names, states,
 * parents and waits by event number k.  A position (k, time t) is then
 * drawn from the data alone by binary search: the tree of the processes
 * alive at k with their states, the details of the selected one, the
 * timeline's cursor and veil, the log's and the notes' current lines.
 */
procviz.lesson = function (data) {
	"use strict";
	var pv = procviz, tr = pv.tr, el = pv.el, add = pv.add;
	var upto = pv.upto, pct = pv.pct, app = pv.app, ctl;
	var secs = pv.secs, letter = pv.letter, badge = pv.badge;
	function first(p) { return p[0]; }
	var header = data[0] || {}, summary = data[data.length - 1];
	var ev = data.filter(function (d) { return d.kind === "event"; });
	var logEl = document.getElementById("pv-log");
	var logItems = logEl ? logEl.children : [];
	var linked = logItems.length === ev.length;
	var tracks = [], byId = {}, notes = [], k = -1, t = 0, sel = null;
	var endMs = ev.length ? ev[ev.length - 1].t_ms : 0;
	var v = { unit: "event", playRate: 1000 };

	if (summary && summary.kind !== "summary")
		summary = null;
	function idOf(e) {
		return e.tid && e.tid !== e.pid ? e.tid : e.pid;
	}
	function track(e, i) {
		var id = idOf(e), tk = byId[id];
		if (tk && tk.gone === undefined)
			return tk;
		tk = { id: id, pid: e.pid, task: id !== e.pid,
		       comm: [[i, e.comm || "?"]], states: [],
		       parents: [[i, e.tid && e.tid !== e.pid ?
				  e.pid : e.ppid]],
		       waits: [], born: i, gone: undefined,
		       index: tracks.length };
		tracks.push(tk);
		byId[id] = tk;
		return tk;
	}
	ev.forEach(function (e, i) {
		var tk;
		if (e.type === "note") {
			notes.push(i);
			return;
		}
		tk = track(e, i);
		switch (e.type) {
		case "spawn":
			tk.states.push([i, e.state]);
			if (e.state === "blocked")
				tk.waits.push(i);
			break;
		case "exec":
			tk.comm.push([i, e.comm]);
			break;
		case "state":
			tk.states.push([i, e.to]);
			if (e.to === "blocked")
				tk.waits.push(i);
			break;
		case "exit":
			tk.exit = i;
			break;
		case "reap":
		case "gone":
			tk.states.push([i, "gone"]);
			tk.gone = i;
			if (e.type === "reap")
				tk.reaped = i;
			break;
		case "reparent":
			tk.parents.push([i, e.to]);
			break;
		}
	});
	function at(list, kk) {
		var i = upto(list, kk, first);
		return i < 0 ? undefined : list[i][1];
	}
	function stateAt(tk, kk) {
		return kk < tk.born ? undefined : at(tk.states, kk) ||
			"running";
	}
	function alive(tk, kk) {
		return kk >= tk.born && (tk.gone === undefined ||
					 kk < tk.gone);
	}
	function text(i) {
		return linked ? logItems[i].textContent : "";
	}

	/* The lesson's tree by birth, for the timeline rows. */
	var kids = {}, roots = [], rows = [];
	tracks.forEach(function (tk) {
		var p = byId[tk.parents[0][1]];
		var pt = p && p.index < tk.index ? p : null;
		/* the parent alive at this one's birth */
		for (var j = tk.index - 1; !pt && j >= 0; j--)
			if (tracks[j].id === tk.parents[0][1] &&
			    alive(tracks[j], tk.born))
				pt = tracks[j];
		tk.parent0 = pt;
		(pt ? (kids[pt.index] = kids[pt.index] || []) :
		      roots).push(tk);
	});
	(function walk(list, depth) {
		list.forEach(function (tk) {
			tk.depth = depth;
			rows.push(tk);
			walk(kids[tk.index] || [], depth + 1);
		});
	})(roots, 0);

	/* ---- the page ---- */
	var sub = add(app, el("p", "sub"));
	sub.textContent = "procviz " + (header.source || "") + " \u00b7 " +
		(header.interval_ms || "?") + " ms \u00b7 " +
		(header.event_source || "") + (summary ? " \u00b7 " +
		tr("procs", summary.processes) : "");
	v.max = endMs;
	ctl = pv.ctl = pv.controls(v);
	add(app, ctl.box);
	var legend = add(app, el("div", "legend"));
	["running", "ready", "blocked", "stopped", "zombie", "gone"]
		.forEach(function (st) {
			var s = add(legend, el("span"));
			s.appendChild(badge(st));
			s.appendChild(document.createTextNode(tr(st)));
		});
	var grid = add(app, el("div", "grid"));
	var left = add(grid, el("section")), right = add(grid,
							el("section"));
	add(left, el("h2", "", tr("tree")));
	var treeEl = add(left, el("div"));
	treeEl.id = "pv-tree";
	add(right, el("h2", "", tr("details")));
	var detEl = add(right, el("div"));
	detEl.id = "pv-details";
	add(right, el("h2", "", tr("notes")));
	var notesEl = add(right, el("ol", "notes"));
	notesEl.id = "pv-notes";
	notes.forEach(function (i, n) {
		var li = add(notesEl, el("li", "", linked ? text(i) :
					 ev[i].text));
		li.addEventListener("click", function () { go(i); });
		li.setAttribute("data-k", i);
		li.setAttribute("data-n", n + 1);
	});
	if (!notes.length)
		add(notesEl, el("li", "empty", tr("none")));
	add(app, el("h2", "", tr("timeline")));
	var chart = add(app, el("div", "chart"));
	chart.id = "pv-timeline";
	rows.slice(0, 1000).forEach(function (tk) {
		var row = add(chart, el("div", "row"));
		var label = add(row, el("span", "label"));
		var bar = add(row, el("div", "bar"));
		var ends = tk.gone === undefined ? endMs :
			ev[tk.gone].t_ms;
		label.textContent = "\u00a0".repeat(Math.min(tk.depth, 8) *
			2) + tk.id + " " + tk.comm[tk.comm.length - 1][1];
		label.title = label.textContent;
		row.setAttribute("data-pid", tk.id);
		tk.states.forEach(function (s, j) {
			var from = ev[s[0]].t_ms, to = j + 1 <
				tk.states.length ?
				ev[tk.states[j + 1][0]].t_ms : ends;
			if (s[1] === "gone")
				return;
			var seg = add(bar, el("div", "seg st-" + s[1],
					      letter(s[1])));
			seg.style.left = pct(from, endMs);
			seg.style.width = "max(2px, " +
				pct(to - from, endMs) + ")";
		});
		tk.row = row;
		row.addEventListener("mouseenter", function () {
			select(tk);
		});
		row.addEventListener("click", function (e) {
			var r = bar.getBoundingClientRect();
			select(tk);
			if (e.clientX >= r.left && r.width > 0)
				v.setT(Math.round(endMs * (e.clientX -
					r.left) / r.width));
		});
		notes.forEach(function (i) {
			var m = add(bar, el("div", "notemark"));
			m.style.left = pct(ev[i].t_ms, endMs);
		});
		tk.veil = add(bar, el("div", "veil"));
		tk.cursor = add(bar, el("div", "cursor"));
	});
	var axis = add(app, el("div", "axis"));
	add(axis, el("span", "", secs(0)));
	add(axis, el("span", "", secs(endMs)));
	if (logEl)
		app.appendChild(logEl.parentNode);	/* last */
	if (logEl)
		logEl.className = "log";

	function select(tk) {
		sel = tk;
		render();
	}
	function details() {
		var tk = sel, dl, st;
		detEl.textContent = "";
		if (!tk) {
			add(detEl, el("p", "empty", tr("details_hint")));
			return;
		}
		dl = add(detEl, el("dl", "details"));
		function item(key, val) {
			add(dl, el("dt", "", tr(key)));
			return add(dl, el("dd", "", val));
		}
		item("pid", (tk.task ? tk.pid + "/" : "") + tk.id + " " +
		     at(tk.comm, Math.max(k, tk.born)));
		var pp = at(tk.parents, Math.max(k, tk.born));
		var pt = byId[pp];
		item("parent", pp + (pt ? " " + at(pt.comm,
			Math.max(k, pt.born)) : ""));
		st = stateAt(tk, k);
		var sd = item("state", "");
		if (st) {
			sd.appendChild(badge(st));
			sd.appendChild(document.createTextNode(tr(st)));
		} else {
			sd.textContent = tr("not_yet");
		}
		var e = tk.exit !== undefined && tk.exit <= k ?
			ev[tk.exit] : null;
		item("exit", e ? (e.signal !== undefined ?
			tr("signal") + " " + e.signal : e.status) :
			tr("none"));
		var w = upto(tk.waits, k, function (x) { return x; });
		item("waited", w >= 0 ? (linked ? text(tk.waits[w]) :
			ev[tk.waits[w]].wait) : tr("none"));
		if (tk.reaped !== undefined && tk.reaped <= k)
			item("reaped", ev[tk.reaped].by);
	}
	function tree() {
		var ul = el("ul", "tree"), nodes = {}, n = 0;
		treeEl.textContent = "";
		tracks.forEach(function (tk) {
			if (!alive(tk, k))
				return;
			var st = stateAt(tk, k);
			var li = el("li"), p = el("span", "proc");
			li.setAttribute("data-pid", tk.id);
			li.setAttribute("data-state", st);
			p.appendChild(badge(st));
			add(p, el("span", "", tk.id + " "));
			add(p, el("span", "comm", at(tk.comm, k)));
			add(p, el("span", "extra", " " + tr(st)));
			if (sel === tk)
				p.classList.add("sel");
			p.addEventListener("mouseenter", function () {
				select(tk);
			});
			p.addEventListener("click", function () {
				select(tk);
			});
			li.appendChild(p);
			nodes[tk.id] = li;
			tk.li = li;
			n++;
		});
		tracks.forEach(function (tk) {
			if (!alive(tk, k))
				return;
			var pp = at(tk.parents, k), pl = nodes[pp];
			if (pl && pl !== tk.li) {
				var sub = pl.querySelector(":scope > ul") ||
					add(pl, el("ul"));
				sub.appendChild(tk.li);
			} else {
				ul.appendChild(tk.li);
			}
		});
		treeEl.appendChild(n ? ul : el("p", "empty", tr("none")));
	}
	/*
	 * The log's lines change class at once; its scrolling (which needs
	 * its layout) waits until it is on the screen, so a long log below
	 * the fold costs nothing at load (CSS content-visibility skips it).
	 */
	var shownK = -1, logSeen = false;
	function logScroll() {
		if (!logSeen || k < 0)
			return;
		var li = logItems[k];
		logEl.scrollTop = li.offsetTop - logEl.offsetTop -
			logEl.clientHeight / 2;
	}
	if (linked && window.IntersectionObserver)
		new IntersectionObserver(function (seen) {
			logSeen = seen[seen.length - 1].isIntersecting;
			logScroll();
		}).observe(logEl);
	function log() {
		var lo = Math.min(shownK, k), hi = Math.max(shownK, k), i;
		if (!linked)
			return;
		for (i = Math.max(lo + 1, 0); i <= hi; i++)
			logItems[i].classList.toggle("past", i <= k);
		if (shownK >= 0)
			logItems[shownK].classList.remove("cur");
		if (k >= 0)
			logItems[k].classList.add("cur");
		shownK = k;
		logScroll();
	}
	function render() {
		var n = upto(notes, k, function (x) { return x; });
		ctl.range.value = t;
		ctl.pos.textContent = secs(t) + " \u00b7 " +
			tr("event_n", k + 1, ev.length);
		tree();
		details();
		log();
		Array.prototype.forEach.call(notesEl.children,
			function (li, j) {
				li.classList.toggle("past", j <= n);
				li.classList.toggle("cur", j === n);
			});
		rows.forEach(function (tk) {
			if (!tk.cursor)
				return;
			tk.cursor.style.left = pct(t, endMs);
			tk.veil.style.left = pct(t, endMs);
			tk.row.classList.toggle("sel", tk === sel);
		});
		pv.status();
	}
	function go(kk) {
		k = Math.max(-1, Math.min(ev.length - 1, kk));
		t = k >= 0 ? ev[k].t_ms : 0;
		render();
	}
	v.setT = function (x) {
		t = Math.max(0, Math.min(endMs, x));
		k = upto(ev, t, function (e) { return e.t_ms; });
		render();
	};
	v.step = function (d) { go(k + d); };
	v.home = function () { go(-1); };
	v.end = function () { go(ev.length - 1); };
	v.atEnd = function () { return t >= endMs; };
	v.advance = function (ms) {
		if (t >= endMs)
			return false;
		v.setT(t + ms);
		return true;
	};
	/* to the note before k, or the first one after it */
	v.stepNote = function (d) {
		var n = upto(notes, d < 0 ? k - 1 : k,
			     function (x) { return x; });
		if (d < 0)
			return go(n >= 0 ? notes[n] : -1);
		if (n + 1 < notes.length)
			go(notes[n + 1]);
	};
	v.hash = function (h) {
		if (h.select !== undefined)
			sel = byId[h.select] || null;
		if (h.event !== undefined)
			go(Number(h.event));
		else if (h.step !== undefined)
			go(notes[Number(h.step) - 1] === undefined ? k :
			   notes[Number(h.step) - 1]);
		else if (h.t !== undefined)
			v.setT(Number(h.t));
		else
			render();
	};
	v.pos = function () { return { k: k, t: t }; };
	return v;
};
