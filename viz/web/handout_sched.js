/*
 * viz/web/handout_sched.js - a schedule in procviz's web page
 * (handout.js has the controls and the start).
 *
 * One lane per policy: its Gantt chart (the segments, or the job that ran
 * most of each of 1000 columns when there are more), and at the current
 * tick the running job (binary search over the segments), the ready
 * queues and the why line (indexed by tick); the metrics at the end.
 */
procviz.schedule = function (data) {
	"use strict";
	var pv = procviz, tr = pv.tr, el = pv.el, add = pv.add;
	var upto = pv.upto, pct = pv.pct, app = pv.app, ctl;
	var jobs = data.workload || [], results = data.results || [];
	var jobIx = Object.create(null), t = 0, span = 0, lanes = [];
	var v = { unit: "tick" };
	/* the palette's job colours (--j0 ...), cycled as everywhere */
	var ncol = +document.body.getAttribute("data-job-colours") || 1;

	jobs.forEach(function (j, i) { jobIx[j.name] = i; });
	results.forEach(function (r) {
		span = Math.max(span, r.makespan || 0);
	});
	v.max = span;
	v.playRate = Math.max(4, span / 30);
	ctl = pv.ctl = pv.controls(v);
	add(app, ctl.box);
	if (!results.some(function (r) { return r.why; }))
		add(app, el("p", "sub", tr("no_detail")));
	/* @e in job @name's colour (none for idle or an unknown name) */
	function paint(e, name) {
		var i = name === null ? undefined : jobIx[name];
		if (i !== undefined) {
			e.style.background = "var(--j" + (i % ncol) + ")";
			e.style.color = "var(--j" + (i % ncol) + "-fg)";
		}
		return e;
	}
	function jobSpan(name, text) {
		return paint(el("span", "job", text), name);
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
			paint(s, job);
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
					qd.setAttribute("data-jobs",
						q.join(" "));
					var lab = r.ready[t].length > 1 ?
						tr("level", lv) : tr("queue");
					add(qd, el("b", "", lab + ": "));
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
		pv.status();
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
};
