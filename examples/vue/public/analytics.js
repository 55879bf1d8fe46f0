// Stands in for an analytics tool (gtag.js, Matomo…): index.html loads it only after consent.
console.info('analytics.js: loaded after consent');
