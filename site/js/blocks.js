/* Data-block behaviour — owned by the content engineer. Loaded with defer on every page after sotay.js. */
