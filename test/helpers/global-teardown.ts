import { tearDown } from './global-tmpdir';

export default tearDown;
