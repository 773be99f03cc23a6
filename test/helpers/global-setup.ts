import { setUp } from './global-tmpdir';

export default setUp;
