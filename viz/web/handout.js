/*
 * viz/web/handout.js - procviz's web page: a recorded lesson or a schedule
 * replayed in the browser (viz/core/report_html.h writes the page).  This
 * file has the helpers, the controls, the keys, the URL fragment and the
 * start; handout_lesson.js and handout_sched.js draw the two kinds of page
 * (the page's one script is the three files, in that order).
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
 * data-errors, data-ms (time to usable, from the start of the load;
 * data-frame-ms: once the first frame is drawn),
 * data-width (the window's) and data-overflow (the page is
 * wider than its window).
 */
var procviz = (function () {
	"use strict";
	var t0 = performance.now(), errors = [], T = {}, ctl, view;
	var pv = {};
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

	/* ---- the controls, shared by both pages ---------------------- */

	/*
	 * @v: { max, pos(), setT(t), step(d), home(), end(), stepNote(d)?,
	 * label(), playRate } - the page's view.
	 */
	function controls(v) {
		var c = { playing: false, timer: null };
		var box = el("div", "controls");
		var row = add(box, el("div", "buttons"));
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
			c.play.textContent = c.playing ? "\u2016 " +
				tr("pause") : "\u25b6 " + tr("play");
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
		/*
		 * The keys mean what they mean in the terminal wherever the
		 * focus is (on the slider too: an arrow is one event, not one
		 * ms), but in the theme menu and for Enter on a button.
		 */
		if (tag === "SELECT" || (tag === "BUTTON" && e.key === "Enter"))
			return;
		if (key(e.key === " " ? "Space" : e.key) !== false)
			e.preventDefault();
	});

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
			window.parent.postMessage(
				{ procviz: statusEl.outerHTML }, "*");
	}

	function fragment() {
		var h = {}, parts = location.hash.replace(/^#/, "").split("&");
		parts.forEach(function (p) {
			var i = p.indexOf("="), d = decodeURIComponent;
			if (p)
				h[d(i < 0 ? p : p.slice(0, i))] =
					i < 0 ? "" : d(p.slice(i + 1));
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
				var e = new KeyboardEvent("keydown", {
					key: name === "Space" ? " " : name,
					bubbles: true, cancelable: true });
				document.dispatchEvent(e);
			});
	}

	/* Once every file of the script has run (handout_lesson.js and
	 * handout_sched.js add pv.lesson and pv.schedule). */
	function start() {
		try {
			T = JSON.parse(
				document.getElementById("pv-text").textContent);
			var data = JSON.parse(
				document.getElementById("pv-data").textContent);
			pv.app = document.getElementById("pv-app");
			view = document.body.getAttribute("data-kind") ===
				"sched" ? pv.schedule(data) : pv.lesson(data);
			ctl = pv.ctl;
			apply();
			window.addEventListener("hashchange", apply);
			/* from the start of the load, and of this script */
			statusEl.setAttribute("data-ms",
				Math.round(performance.now()));
			statusEl.setAttribute("data-script-ms",
				Math.round(performance.now() - t0));
			status();
			/* and once the first frame is drawn */
			requestAnimationFrame(function () {
				setTimeout(function () {
					statusEl.setAttribute("data-frame-ms",
						Math.round(performance.now()));
				}, 0);
			});
		} catch (e) {
			errors.push(String(e && e.stack || e));
			status();
		}
	}
	document.addEventListener("DOMContentLoaded", start);

	pv.tr = tr;
	pv.el = el;
	pv.add = add;
	pv.upto = upto;
	pv.pct = pct;
	pv.secs = secs;
	pv.letter = letter;
	pv.badge = badge;
	pv.controls = controls;
	pv.status = status;
	return pv;
})();
