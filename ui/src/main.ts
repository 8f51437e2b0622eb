import { mount } from 'svelte';
import App from './App.svelte';
import { captureToken } from './lib/api';
import { getLanguage } from './lib/i18n';
import './app.css';

// The bridge hands over its token in the address once; take it before routing reads the hash.
captureToken();
document.documentElement.lang = getLanguage();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
