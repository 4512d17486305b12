// The microphone's samples for recorder.js, taken on the audio thread (an AudioWorklet: the
// page's CSP allows it as a script of our own). Sends the first channel on in blocks of 4096
// samples (about 0.1 s), so the page gets a few messages a second instead of hundreds; on
// "flush" (the person pressed Stop) what is left, marked last.
class RecorderCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(4096);
    this.filled = 0;
    this.port.onmessage = (event) => {
      if (event.data === "flush") {
        this.port.postMessage({ samples: this.block.slice(0, this.filled), last: true });
        this.filled = 0;
      }
    };
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      let at = 0;
      while (at < channel.length) {
        const count = Math.min(channel.length - at, this.block.length - this.filled);
        this.block.set(channel.subarray(at, at + count), this.filled);
        this.filled += count;
        at += count;
        if (this.filled === this.block.length) {
          this.port.postMessage({ samples: this.block.slice(0), last: false });
          this.filled = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor("recorder-capture", RecorderCapture);
