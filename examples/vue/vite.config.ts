import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Otherwise Vue tries to resolve <yinyom-consent> as a Vue component and warns.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('yinyom-') } } })],
});
