/*
 * viz/web/handout.js - procviz's web page: a recorded lesson or a schedule
 * replayed in the browser (viz/core/report_html.h writes the page).
 *
 * Data: #pv-data holds the JSON procviz writes.  A lesson: the lines of
 * `replay --headless --format json` as one array (header, events,
 * summary); a schedule: the document of `sched --headless --format json`
 * (with "why" and "ready" per instant when it is small).  #pv-text holds
 * the page's words in the lecturer's language; #pv-log (a lesson) the
 * event log in the words of --format text, one <li> per event.
 *
 * Every position renders from the data alone: the data is indexed once
 * (per process, its state changes and parents by event number; per
 * policy, its Gantt segments by start), then a position is found by
 * binary search, so a jump anywhere costs the same as a step.
 *
 * A lesson's position is an event number k (-1: before the first) and a
 * time t in ms; a schedule's is a tick.  The URL fragment sets it, for
 * links and tests: #t=MS (or tick), #event=K, #step=N (a lesson's note),
 * #select=PID (details), #theme=dark|light|mono, #keys=K1,K2 (key presses,
 * e.g. ArrowRight,Space,End), #frame (post the status to the parent page).
 * After every render #pv-status carries data-k, data-t, data-ready,
 * data-errors, data-ms (time to usable) and data-overflow (the page is
 * wider than its window).
 */
(function () {
	"use strict";
	var t0 = performance.now(), errors = [], T = {}, app, ctl, view;
	var statusEl = document.getElementById("pv-status");

	window.addEventListener("error", function (e) {
		errors.push(String(e.message || e));
		status();
	});

	/* ---- small helpers ---------------------------------------------- */

	function tr(key, a, b) {
		var s = Object.prototype.hasOwnProperty.call(T, key) ?
			T[key] : key;
		return s.replace("%1", a).replace("%2", b);
	}
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined && text !== null)
			e.textContent = String(text);
		return e;
	}
	function add(parent, child) {
		parent.appendChild(child);
		return child;
	}
	/* The last index i with key(a[i]) <= x, or -1 (a sorted by key). */
	function upto(a, x, key) {
		var lo = 0, hi = a.length;
		while (lo < hi) {
			var mid = (lo + hi) >> 1;
			if (key(a[mid]) <= x)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo - 1;
	}
	function first(p) { return p[0]; }
	function pct(x, span) { return (100 * x / (span || 1)) + "%"; }
	function secs(ms) { return (ms / 1000).toFixed(3) + " s"; }
	function letter(st) {
		return { running: "R", ready: "r", blocked: "B", stopped: "T",
			 zombie: "Z", gone: "-" }[st] || "?";
	}
	function badge(st) {
		var b = el("span", "badge st-" + st, letter(st));
		b.title = tr(st);
		return b;
	}

	/* ---- the controls, shared by both pages --------------------------- */

	/*
	 * @v: { max, pos(), setT(t), step(d), home(), end(), stepNote(d)?,
	 * label(), playRate } - the page's view.
	 */
	function controls(v) {
		var c = { playing: false, timer: null };
		var box = el("div", "controls"), row = add(box, el("div", "buttons"));
		function btn(key, text, fn) {
			var b = add(row, el("button", "", text));
			b.type = "button";
			b.title = tr(key);
			b.setAttribute("aria-label", tr(key));
			b.addEventListener("click", fn);
			return b;
		}
		btn("prev_" + v.unit, "\u2190", function () { v.step(-1); });
		c.play = btn("play", "\u25b6 " + tr("play"), function () {
			toggle();
		});
		btn("next_" + v.unit, "\u2192", function () { v.step(1); });
		if (v.stepNote) {
			btn("prev_step", "\u21e4 " + tr("prev_step"),
			    function () { v.stepNote(-1); });
			btn("next_step", tr("next_step") + " \u21e5",
			    function () { v.stepNote(1); });
		}
		var theme = add(row, el("select"));
		theme.setAttribute("aria-label", tr("theme"));
		["dark", "light", "mono"].forEach(function (n) {
			var o = add(theme, el("option", "", tr(n)));
			o.value = n;
		});
		theme.value = document.body.getAttribute("data-theme");
		theme.addEventListener("change", function () {
			document.body.setAttribute("data-theme", theme.value);
		});
		c.theme = theme;
		var sl = add(box, el("div", "slider"));
		var lab = add(sl, el("label", "", tr("time")));
		c.range = add(sl, el("input"));
		c.range.type = "range";
		c.range.min = 0;
		c.range.max = v.max;
		c.range.step = 1;
		c.range.id = "pv-range";
		lab.htmlFor = "pv-range";
		c.range.addEventListener("input", function () {
			v.setT(Number(c.range.value));
		});
		c.pos = add(sl, el("span", "pos"));
		add(box, el("p", "keys", tr("keys")));
		function tick() {
			if (!v.advance(v.playRate * 0.1)) {
				toggle();
			}
		}
		function toggle() {
			c.playing = !c.playing;
			c.play.textContent = c.playing ? "\u2016 " + tr("pause") :
				"\u25b6 " + tr("play");
			if (c.playing) {
				if (v.atEnd())
					v.home();
				c.timer = setInterval(tick, 100);
			} else {
				clearInterval(c.timer);
			}
		}
		c.toggle = toggle;
		c.box = box;
		return c;
	}

	function key(name) {
		if (name === "Space" || name === " ")
			return ctl.toggle();
		if (name === "ArrowRight" || name === ".")
			return view.step(1);
		if (name === "ArrowLeft" || name === ",")
			return view.step(-1);
		if (name === "Home")
			return view.home();
		if (name === "End")
			return view.end();
		if ((name === "PageDown" || name === "]") && view.stepNote)
			return view.stepNote(1);
		if ((name === "PageUp" || name === "[") && view.stepNote)
			return view.stepNote(-1);
		return false;
	}
	document.addEventListener("keydown", function (e) {
		var tag = e.target && e.target.tagName;
		if (e.altKey || e.ctrlKey || e.metaKey || !view)
			return;
		/* the slider and the buttons keep their own arrows / space */
		if (tag === "SELECT" || (tag === "INPUT" &&
		    e.key !== " ") || (tag === "BUTTON" && e.key === " "))
			return;
		if (key(e.key === " " ? "Space" : e.key) !== false)
			e.preventDefault();
	});

	/* ---- a recorded lesson ------------------------------------------ */

	function lesson(data) {
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
			summary.processes + " \u00d7 " + tr("pid") : "");
		v.max = endMs;
		ctl = controls(v);
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
		var shownK = -1;
		function log() {
			var lo = Math.min(shownK, k), hi = Math.max(shownK, k), i;
			if (!linked)
				return;
			for (i = Math.max(lo + 1, 0); i <= hi; i++)
				logItems[i].classList.toggle("past", i <= k);
			if (shownK >= 0)
				logItems[shownK].classList.remove("cur");
			if (k >= 0) {
				var li = logItems[k];
				li.classList.add("cur");
				logEl.scrollTop = li.offsetTop - logEl.offsetTop -
					logEl.clientHeight / 2;
			}
			shownK = k;
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
			status();
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
	}

	/* ---- a schedule ------------------------------------------------- */

	function schedule(data) {
		var jobs = data.workload || [], results = data.results || [];
		var jobIx = {}, t = 0, span = 0, lanes = [];
		var v = { unit: "tick" };

		jobs.forEach(function (j, i) { jobIx[j.name] = i; });
		results.forEach(function (r) {
			span = Math.max(span, r.makespan || 0);
		});
		v.max = span;
		v.playRate = Math.max(4, span / 30);
		ctl = controls(v);
		add(app, ctl.box);
		if (!results.some(function (r) { return r.why; }))
			add(app, el("p", "sub", tr("no_detail")));
		function jobSpan(name, text) {
			var i = jobIx[name], s = el("span", "job", text);
			if (i !== undefined) {
				s.style.background = "var(--j" + (i % 12) + ")";
				s.style.color = "var(--j" + (i % 12) + "-fg)";
			}
			return s;
		}
		results.forEach(function (r) {
			var sec = add(app, el("section", "policy")), p = [];
			var g = r.gantt || [], bar, lane = { r: r };
			Object.keys(r.params || {}).forEach(function (key) {
				p.push(key + " " + r.params[key]);
			});
			add(sec, el("h2", "", r.policy + (p.length ? " (" +
				p.join(", ") + ")" : "")));
			sec.setAttribute("data-policy", r.policy);
			bar = add(add(sec, el("div", "chart")), el("div", "bar"));
			bar.setAttribute("aria-label", tr("gantt"));
			drawGantt(bar, g);
			lane.veil = add(bar, el("div", "veil"));
			lane.cursor = add(bar, el("div", "cursor"));
			bar.addEventListener("click", function (e) {
				var rc = bar.getBoundingClientRect();
				if (rc.width > 0)
					v.setT(Math.floor(span * (e.clientX -
						rc.left) / rc.width));
			});
			lane.now = add(sec, el("div", "now"));
			lanes.push(lane);
		});
		/* Segments as they are, or bucketed when there are too many. */
		function drawGantt(bar, g) {
			var cols = 1000, i;
			function seg(from, to, job) {
				var s = el("div", "seg", job === null ? "" : job);
				s.style.left = pct(from, span);
				s.style.width = pct(to - from, span);
				if (job !== null && jobIx[job] !== undefined) {
					s.style.background = "var(--j" +
						(jobIx[job] % 12) + ")";
					s.style.color = "var(--j" +
						(jobIx[job] % 12) + "-fg)";
				}
				s.title = job === null ? tr("idle") : job;
				bar.appendChild(s);
			}
			if (g.length <= 2 * cols) {
				g.forEach(function (x) {
					seg(x.start, x.end, x.job);
				});
				return;
			}
			/* the job that ran most of each column */
			var w = span / cols, j = 0;
			for (i = 0; i < cols; i++) {
				var a = i * w, b = a + w, best = null, most = 0;
				var cnt = {};
				while (j < g.length && g[j].end <= a)
					j++;
				for (var q = j; q < g.length && g[q].start < b; q++) {
					var o = Math.min(b, g[q].end) -
						Math.max(a, g[q].start);
					var key = g[q].job === null ? "" : g[q].job;
					cnt[key] = (cnt[key] || 0) + o;
					if (cnt[key] > most) {
						most = cnt[key];
						best = g[q].job;
					}
				}
				if (most > 0)
					seg(a, b, best);
			}
		}
		metrics();
		function metrics() {
			add(app, el("h2", "", tr("metrics")));
			var wrap = add(app, el("div", "tablewrap"));
			var tb = add(wrap, el("table")), tr0 = add(tb, el("tr"));
			tb.id = "pv-metrics";
			["policy", "response", "turnaround", "waiting", "switches",
			 "util", "makespan"].forEach(function (h) {
				add(tr0, el("th", "", tr(h)));
			});
			results.forEach(function (r) {
				var row = add(tb, el("tr")), a = r.avg || {};
				[r.policy, a.response, a.turnaround, a.waiting,
				 r.context_switches, r.cpu_utilization,
				 r.makespan].forEach(function (x) {
					add(row, el("td", "", x));
				});
			});
			results.forEach(function (r) {
				var d = add(app, el("details"));
				var js = r.jobs || [];
				add(d, el("summary", "", r.policy + ": " +
					(js.length > 50 ? tr("jobs_many",
						js.length) : tr("per_job"))));
				d.open = js.length <= 50;
				function fill() {
					var w = add(d, el("div", "tablewrap"));
					var tb2 = add(w, el("table"));
					var h = add(tb2, el("tr"));
					["job", "arrival", "first_run", "finish",
					 "response", "turnaround", "waiting"]
						.forEach(function (x) {
							add(h, el("th", "", tr(x)));
						});
					js.forEach(function (j) {
						var row = add(tb2, el("tr"));
						[j.name, j.arrival, j.first_run,
						 j.finish, j.response, j.turnaround,
						 j.waiting].forEach(function (x) {
							add(row, el("td", "",
								x === null ? "-" : x));
						});
					});
				}
				if (d.open)
					fill();
				else
					d.addEventListener("toggle", function f() {
						d.removeEventListener("toggle", f);
						fill();
					});
			});
		}
		function running(g, x) {
			var i = upto(g, x, function (s) { return s.start; });
			return i >= 0 && x < g[i].end ? g[i].job : undefined;
		}
		function render() {
			ctl.range.value = t;
			ctl.pos.textContent = tr("tick") + " " + t + " / " + span;
			lanes.forEach(function (lane) {
				var r = lane.r, now = lane.now, run, d;
				lane.cursor.style.left = pct(t, span);
				lane.veil.style.left = pct(t, span);
				now.textContent = "";
				d = add(now, el("div", "cpu"));
				add(d, el("b", "", tr("cpu") + ": "));
				run = running(r.gantt || [], t);
				d.setAttribute("data-job", run || "");
				if (run)
					d.appendChild(jobSpan(run, run));
				else
					d.appendChild(el("span", "empty",
						t >= r.makespan ? "\u2014" :
						tr("idle")));
				if (r.ready && t < r.ready.length) {
					r.ready[t].forEach(function (q, lv) {
						var qd = add(now, el("div", "ready"));
						qd.setAttribute("data-level", lv);
						qd.setAttribute("data-jobs", q.join(" "));
						add(qd, el("b", "", (r.ready[t].length >
							1 ? tr("level", lv) : tr("queue")) +
							": "));
						if (!q.length)
							add(qd, el("span", "empty",
								tr("empty")));
						q.forEach(function (n) {
							qd.appendChild(jobSpan(n, n));
						});
					});
				}
				if (r.why && t < r.why.length)
					add(now, el("div", "why", r.why[t]));
			});
			status();
		}
		v.setT = function (x) {
			t = Math.max(0, Math.min(span, Math.round(x)));
			render();
		};
		v.step = function (d) { v.setT(t + d); };
		v.home = function () { v.setT(0); };
		v.end = function () { v.setT(span); };
		v.atEnd = function () { return t >= span; };
		v.advance = function (n) {
			if (t >= span)
				return false;
			v.setT(t + Math.max(1, n));
			return true;
		};
		v.hash = function (h) {
			if (h.t !== undefined)
				v.setT(Number(h.t));
			else
				render();
		};
		v.pos = function () { return { k: t, t: t }; };
		return v;
	}

	/* ---- start ------------------------------------------------------- */

	function status() {
		var de = document.documentElement, p = view ? view.pos() : {};
		if (!statusEl)
			return;
		statusEl.setAttribute("data-ready", view ? "1" : "0");
		statusEl.setAttribute("data-k", p.k);
		statusEl.setAttribute("data-t", p.t);
		statusEl.setAttribute("data-errors", errors.length);
		statusEl.setAttribute("data-width", de.clientWidth);
		statusEl.setAttribute("data-overflow",
			de.scrollWidth > de.clientWidth ? de.scrollWidth : 0);
		statusEl.setAttribute("data-theme",
			document.body.getAttribute("data-theme"));
		statusEl.textContent = errors.join("\n");
		statusEl.className = errors.length ? "errors" : "";
		statusEl.hidden = !errors.length;
		if (location.hash.indexOf("frame") >= 0 && window.parent !==
		    window)
			window.parent.postMessage({ procviz: statusEl.outerHTML },
						  "*");
	}

	function fragment() {
		var h = {};
		location.hash.replace(/^#/, "").split("&").forEach(function (p) {
			var i = p.indexOf("=");
			if (p)
				h[decodeURIComponent(i < 0 ? p : p.slice(0, i))] =
					i < 0 ? "" : decodeURIComponent(p.slice(i + 1));
		});
		return h;
	}

	function apply() {
		var h = fragment();
		if (/^(dark|light|mono)$/.test(h.theme || "")) {
			document.body.setAttribute("data-theme", h.theme);
			ctl.theme.value = h.theme;
		}
		view.hash(h);
		if (h.keys)
			h.keys.split(",").forEach(function (name) {
				document.dispatchEvent(new KeyboardEvent("keydown", {
					key: name === "Space" ? " " : name,
					bubbles: true, cancelable: true }));
			});
	}

	try {
		T = JSON.parse(document.getElementById("pv-text").textContent);
		var data = JSON.parse(
			document.getElementById("pv-data").textContent);
		app = document.getElementById("pv-app");
		view = document.body.getAttribute("data-kind") === "sched" ?
			schedule(data) : lesson(data);
		apply();
		window.addEventListener("hashchange", apply);
		statusEl.setAttribute("data-ms",
			Math.round(performance.now() - t0));
		status();
	} catch (e) {
		errors.push(String(e && e.stack || e));
		status();
	}
})();
