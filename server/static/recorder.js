// Narration recorded in the browser: a "Record" button beside a step's narration file input.
// The microphone's sound is taken as plain samples (Web Audio: an AudioWorklet, or the older
// ScriptProcessorNode where there is none), made into a 16-bit mono WAV on Stop (or after
// MAX_SECONDS), and put INTO the file input as "recording.wav": the form's ordinary submit then
// uploads it exactly like a chosen file, and the server checks it like one
// (server/media_intake.py). Until then the person can listen to it (an object URL: the page's
// CSP allows blob: in media-src).
//
// The page gives every word (data-label-* attributes, in the page's language); this file has
// none of its own. Text is set with textContent only. Each .recorder works on its own:
//   <div class="recorder" data-input="ID of the file input" data-label-record="Record"
//        data-label-stop="Stop" data-label-recorded="Recorded %s seconds. ..."
//        data-label-denied="The microphone is not allowed. ..."
//        [data-label-recording="Recording… %s s"] [data-label-unavailable="..."]
//        [data-worklet="URL of recorder-worklet.js"] [data-max-seconds="60" (at most 120)]>
//     <button type="button" class="record">Record</button>
//     <span class="status" aria-live="polite"></span> <audio controls hidden></audio>
//   </div>
// Browsers allow the microphone only on HTTPS pages (and http://localhost): elsewhere the
// button says data-label-unavailable (or denied) and the file input still works.
(function () {
  "use strict";

  var MAX_SECONDS = 120;
  var WAV_RATE = 22050; // plenty for speech, and a quarter of 44.1 kHz stereo's size
  var script = document.currentScript;
  var WORKLET_URL = script && script.src ? script.src.replace(/recorder\.js(\?.*)?$/, "recorder-worklet.js") : "";

  function label(root, name, value) {
    var text = root.dataset[name] || "";
    return value === undefined ? text : text.replace("%s", value);
  }

  function secondsText(seconds) {
    return (Math.round(seconds * 10) / 10).toFixed(1);
  }

  // Samples -> WAV ------------------------------------------------------------------------
  function joined(chunks, total) {
    var all = new Float32Array(total);
    var at = 0;
    chunks.forEach(function (chunk) {
      all.set(chunk, at);
      at += chunk.length;
    });
    return all;
  }

  // Averaging each output sample's share of the input: a box filter, enough against aliasing
  // for a voice, with no library.
  function downsampled(samples, fromRate, toRate) {
    if (fromRate <= toRate) {
      return samples;
    }
    var ratio = fromRate / toRate;
    var out = new Float32Array(Math.floor(samples.length / ratio));
    for (var i = 0; i < out.length; i++) {
      var start = Math.floor(i * ratio);
      var end = Math.min(samples.length, Math.floor((i + 1) * ratio));
      var sum = 0;
      for (var j = start; j < end; j++) {
        sum += samples[j];
      }
      out[i] = end > start ? sum / (end - start) : 0;
    }
    return out;
  }

  function wav(samples, rate) {
    var buffer = new ArrayBuffer(44 + samples.length * 2);
    var view = new DataView(buffer);
    function text(at, value) {
      for (var i = 0; i < value.length; i++) {
        view.setUint8(at + i, value.charCodeAt(i));
      }
    }
    text(0, "RIFF");
    view.setUint32(4, 36 + samples.length * 2, true);
    text(8, "WAVE");
    text(12, "fmt ");
    view.setUint32(16, 16, true); // the size of a PCM format block
    view.setUint16(20, 1, true); // PCM
    view.setUint16(22, 1, true); // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true); // bytes a second
    view.setUint16(32, 2, true); // bytes a frame
    view.setUint16(34, 16, true); // bits a sample
    text(36, "data");
    view.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      var sample = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
    }
    return new Blob([buffer], { type: "audio/wav" });
  }

  // One recorder ----------------------------------------------------------------------------
  function setUp(root) {
    var input = document.getElementById(root.dataset.input || "");
    var button = root.querySelector("button.record");
    var status = root.querySelector(".status");
    var player = root.querySelector("audio");
    if (!input || !button || !status) {
      return;
    }
    var canRecord = !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.DataTransfer &&
      (window.AudioContext || window.webkitAudioContext));
    if (!canRecord) {
      button.disabled = true;
      status.textContent = label(root, "labelUnavailable") || label(root, "labelDenied");
      return;
    }
    var workletUrl = root.dataset.worklet || WORKLET_URL;
    var maxSeconds = Math.min(MAX_SECONDS, Number(root.dataset.maxSeconds) || MAX_SECONDS);
    var session = null; // the recording under way
    var playbackUrl = null;
    var settingInput = false;

    function showIdle() {
      button.textContent = label(root, "labelRecord");
      button.setAttribute("aria-pressed", "false");
      root.classList.remove("recording");
    }

    function showRecording(seconds) {
      button.textContent = label(root, "labelStop");
      button.setAttribute("aria-pressed", "true");
      root.classList.add("recording");
      status.textContent = label(root, "labelRecording", String(Math.floor(seconds)));
    }

    function release(current) {
      if (current.timer) {
        clearTimeout(current.timer);
      }
      if (current.node) {
        current.node.disconnect();
      }
      if (current.source) {
        current.source.disconnect();
      }
      current.stream.getTracks().forEach(function (track) {
        track.stop();
      });
      current.context.close();
    }

    function finish(current) {
      if (session !== current) {
        return;
      }
      session = null;
      var rate = current.context.sampleRate;
      release(current);
      showIdle();
      var samples = downsampled(joined(current.chunks, current.total), rate, WAV_RATE);
      var outRate = Math.min(rate, WAV_RATE);
      if (!samples.length) {
        status.textContent = "";
        return;
      }
      var blob = wav(samples, Math.round(outRate));
      var file = new File([blob], "recording.wav", { type: "audio/wav" });
      var transfer = new DataTransfer();
      transfer.items.add(file);
      settingInput = true;
      input.files = transfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      settingInput = false;
      if (playbackUrl) {
        URL.revokeObjectURL(playbackUrl);
      }
      if (player) {
        playbackUrl = URL.createObjectURL(blob);
        player.src = playbackUrl;
        player.hidden = false;
      }
      status.textContent = label(root, "labelRecorded", secondsText(samples.length / outRate));
      root.dataset.recordedSeconds = secondsText(samples.length / outRate); // for the page and tests
    }

    function take(current, samples) {
      if (session !== current || !samples.length) {
        return;
      }
      var room = current.limit - current.total;
      var kept = samples.length > room ? samples.slice(0, room) : samples;
      current.chunks.push(kept);
      current.total += kept.length;
      var seconds = current.total / current.context.sampleRate;
      if (Math.floor(seconds) !== current.shownSeconds) {
        current.shownSeconds = Math.floor(seconds);
        showRecording(seconds);
      }
      if (current.total >= current.limit) {
        finish(current);
      }
    }

    function capture(current) {
      var context = current.context;
      current.source = context.createMediaStreamSource(current.stream);
      // Connected through silence to the speakers: browsers only run nodes that lead somewhere.
      var mute = context.createGain();
      mute.gain.value = 0;
      mute.connect(context.destination);
      if (context.audioWorklet && window.AudioWorkletNode && workletUrl) {
        return context.audioWorklet.addModule(workletUrl).then(function () {
          var node = new AudioWorkletNode(context, "recorder-capture", { numberOfInputs: 1, numberOfOutputs: 1 });
          node.port.onmessage = function (event) {
            take(current, event.data.samples);
            if (event.data.last) {
              finish(current);
            }
          };
          current.node = node;
          current.stop = function () {
            node.port.postMessage("flush");
          };
          current.source.connect(node);
          node.connect(mute);
        });
      }
      var processor = context.createScriptProcessor(4096, 1, 1);
      processor.onaudioprocess = function (event) {
        take(current, new Float32Array(event.inputBuffer.getChannelData(0)));
      };
      current.node = processor;
      current.stop = function () {
        finish(current);
      };
      current.source.connect(processor);
      processor.connect(mute);
      return Promise.resolve();
    }

    function start() {
      button.disabled = true; // until the browser has answered about the microphone
      navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } })
        .then(function (stream) {
          var Context = window.AudioContext || window.webkitAudioContext;
          var context = new Context();
          var current = { stream: stream, context: context, chunks: [], total: 0, shownSeconds: -1,
            limit: Math.round(maxSeconds * context.sampleRate), stop: null, node: null, source: null, timer: null };
          session = current;
          return context.resume().then(function () {
            return capture(current);
          }).then(function () {
            showRecording(0);
            // Stops even if the audio thread goes quiet (a microphone unplugged).
            current.timer = setTimeout(function () {
              current.stop();
            }, (maxSeconds + 2) * 1000);
          }).catch(function (error) {
            if (session === current) {
              session = null;
              release(current);
            }
            throw error;
          });
        })
        .catch(function (error) {
          showIdle();
          var refused = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
          status.textContent = refused ? label(root, "labelDenied")
            : (label(root, "labelUnavailable") || label(root, "labelDenied"));
        })
        .then(function () {
          button.disabled = false;
        });
    }

    button.addEventListener("click", function () {
      if (session) {
        if (session.stop) {
          session.stop();
        }
        return;
      }
      start();
    });

    // A file chosen by hand replaces the recording: its player and words go.
    input.addEventListener("change", function () {
      if (settingInput) {
        return;
      }
      if (player) {
        player.hidden = true;
        player.removeAttribute("src");
      }
      delete root.dataset.recordedSeconds;
      status.textContent = "";
    });

    showIdle();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".recorder"), setUp);
})();
