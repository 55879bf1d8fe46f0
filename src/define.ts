// The side-effect entry: registers <yinyom-consent> (once, however often it is loaded).
import './components/consent/yinyom-consent.js';

export * from './index.js';
